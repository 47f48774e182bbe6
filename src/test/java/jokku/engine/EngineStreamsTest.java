package jokku.engine;

import static jokku.engine.FakeEngine.raw;
import static jokku.engine.FakeEngine.rawThenClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link DockerClient}'s streams and connection reuse against a {@link FakeEngine}: multiplexed output split as the
 * docker CLI splits it (a type-3 frame is the engine's error, a frame cut short is an error, not an end), and a
 * kept-alive connection the engine closed while idle replaced before a POST is written, so the POST arrives once.
 */
@Tag("unit")
class EngineStreamsTest extends WithFakeEngine {
  static final String CHUNKED_200 = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

  static String frame(int type, String payload) {
    int n = payload.getBytes(StandardCharsets.UTF_8).length;
    return new String(new byte[] {(byte) type, 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, StandardCharsets.ISO_8859_1)
        + payload;
  }

  static String chunk(String data) {
    return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
  }

  String demuxLogs(ByteArrayOutputStream out, ByteArrayOutputStream err) throws IOException {
    try (DockerClient.Stream s = client.stream("GET", "/containers/c1/logs?stdout=1&stderr=1&follow=1", null, null)) {
      Containers.demux(s.body(), out, err);
    }
    return out.toString(StandardCharsets.UTF_8) + "|" + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void framesGoToStdoutAndStderr() throws IOException {
    fake.on("GET /containers/c1/logs", raw(CHUNKED_200 + chunk(frame(1, "out\n") + frame(2, "err\n")) + chunk(frame(1, "more\n")) + "0\r\n\r\n"));
    assertEquals("out\nmore\n|err\n", demuxLogs(new ByteArrayOutputStream(), new ByteArrayOutputStream()));
  }

  @Test
  void aType3Frame_isTheEnginesError_afterTheOutputBeforeIt() {
    fake.on("GET /containers/c1/logs", raw(CHUNKED_200 + chunk(frame(1, "hello\n") + frame(3, "failed to read log file\n")) + "0\r\n\r\n"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EngineException e = assertThrows(EngineException.class, () -> demuxLogs(out, new ByteArrayOutputStream()));
    assertEquals("error from daemon in stream: failed to read log file", e.getMessage());
    assertEquals("hello\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aStreamCutInTheMiddleOfAFrame_isAnError() {
    fake.on("GET /containers/c1/logs", raw(CHUNKED_200 + chunk(frame(1, "0123456789").substring(0, 11)) + "0\r\n\r\n"));
    EngineResponseError e = assertThrows(EngineResponseError.class, () -> demuxLogs(new ByteArrayOutputStream(), new ByteArrayOutputStream()));
    assertEquals("The Docker engine's output stream for GET /containers/c1/logs?stdout=1&stderr=1&follow=1 ended in the middle of a frame (3 of 10 bytes)", e.getMessage());
    fake.on("GET /containers/c1/logs", raw(CHUNKED_200 + chunk(frame(1, "x").substring(0, 5)) + "0\r\n\r\n"));
    e = assertThrows(EngineResponseError.class, () -> demuxLogs(new ByteArrayOutputStream(), new ByteArrayOutputStream()));
    assertEquals("The Docker engine's output stream for GET /containers/c1/logs?stdout=1&stderr=1&follow=1 ended in the middle of a frame header (5 of 8 bytes)", e.getMessage());
  }

  @Test
  void aConnectionClosedMidStream_isAnErrorFromRead_notAnEndOfOutput() {
    fake.on("GET /containers/c1/logs", rawThenClose(CHUNKED_200 + chunk(frame(1, "partial\n"))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EngineResponseError e = assertThrows(EngineResponseError.class, () -> demuxLogs(out, new ByteArrayOutputStream()));
    assertEquals("The Docker engine closed the connection after 16 bytes of the chunked response to"
        + " GET /containers/c1/logs?stdout=1&stderr=1&follow=1, before its last chunk", e.getMessage());
    assertEquals("partial\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aKeptAliveConnectionClosedWhileIdle_isReplacedBeforeAPostIsWritten() throws Exception {
    fake.on("GET /networks", rawThenClose("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]"));
    fake.on("POST /networks/create", raw("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"Id\":\"n1\"}"));
    assertEquals(java.util.List.of(), client.ok(client.call("GET", "/networks", null)).json());
    for (int i = 0; i < 500 && fake.closed.get() == 0; i++) Thread.sleep(10); // the engine has closed the idle connection
    assertEquals(1, fake.closed.get());
    DockerClient.Response r = client.call("POST", "/networks/create", Map.of("Name", "n"));
    assertEquals(201, r.status());
    assertEquals(Map.of("Id", "n1"), r.json());
    assertEquals(1, fake.count("POST /networks/create"));
    assertEquals(2, fake.connections.get());
  }

  @Test
  void aStreamWhoseHeadNeverCame_isAnError_andAStreamedPostIsNotRepeated() {
    fake.on("POST /build", FakeEngine.hangUp());
    EngineResponseError e = assertThrows(EngineResponseError.class,
        () -> client.stream("POST", "/build", new java.io.ByteArrayInputStream(new byte[100]), "application/x-tar"));
    assertEquals("The Docker engine closed the connection without answering POST /build"
        + " (the engine may or may not have carried it out; jokku does not send it twice)", e.getMessage());
    assertEquals(1, fake.count("POST /build"));
  }
}
