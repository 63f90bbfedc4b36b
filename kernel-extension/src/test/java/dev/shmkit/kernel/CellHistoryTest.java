package dev.shmkit.kernel;

import com.google.gson.Gson;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The history the kernel answers {@code history_request} with, as it goes over the wire. */
class CellHistoryTest {
    private static CellHistory history() {
        CellHistory h = new CellHistory();
        h.add(1, "int a = 1;");
        h.add(2, "a + 1");
        h.add(3, "%share df as big");
        h.add(4, "a + 1");
        return h;
    }

    private static String json(CellHistory h, HistoryRequest r) {
        return new Gson().toJson(h.reply(r));
    }

    @Test
    void shouldAnswerTailRangeAndSearchWithProtocolTuples() {
        CellHistory h = history();
        assertEquals("{\"status\":\"ok\",\"history\":[[1,3,\"%share df as big\"],[1,4,\"a + 1\"]]}",
                json(h, new HistoryRequest.Tail(false, true, 2)));
        assertEquals("{\"status\":\"ok\",\"history\":[[1,2,\"a + 1\"],[1,3,\"%share df as big\"]]}",
                json(h, new HistoryRequest.Range(false, true, 0, 2, 4)));
        assertEquals("{\"status\":\"ok\",\"history\":[[1,2,\"a + 1\"],[1,4,\"a + 1\"]]}",
                json(h, new HistoryRequest.Search(false, true, 10, "a +*", false)));
        assertEquals("{\"status\":\"ok\",\"history\":[[1,4,\"a + 1\"]]}",
                json(h, new HistoryRequest.Search(false, true, 10, "a +*", true)));
        assertEquals("{\"status\":\"ok\",\"history\":[]}", json(new CellHistory(), new HistoryRequest.Tail(false, true, 10)));
    }
}
