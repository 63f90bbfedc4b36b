package dev.shmkit.pool.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.IExecutorService;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** A call on one member through a Hazelcast executor, as a {@link CompletableFuture} (completed on Hazelcast's threads). */
final class Remote {
    private Remote() {
    }

    static <T> CompletableFuture<T> call(IExecutorService executor, Callable<T> call, Member member) {
        CompletableFuture<T> f = new CompletableFuture<>();
        executor.submitToMember(call, member, new ExecutionCallback<T>() {
            @Override
            public void onResponse(T r) {
                f.complete(r);
            }

            @Override
            public void onFailure(Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }
}
