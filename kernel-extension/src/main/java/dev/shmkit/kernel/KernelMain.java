package dev.shmkit.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;

/** Entry point Jupyter starts (see the kernelspec): {@code java ... dev.shmkit.kernel.KernelMain CONNECTION_FILE}. */
public final class KernelMain {
    private KernelMain() {
    }

    /**
     * Connects a new kernel to the Jupyter session described by the connection file and serves it until shutdown.
     *
     * @param args {@code [connection_file]}
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp ... dev.shmkit.kernel.KernelMain CONNECTION_FILE"
                    + " (Jupyter passes it; install the kernel with ./shmkit install-kernel)");
            System.exit(2);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        ShmkitKernel kernel = new ShmkitKernel();
        kernel.onStartup();
        JupyterConnection connection = new JupyterConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }
}
