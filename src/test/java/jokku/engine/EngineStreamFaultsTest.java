package jokku.engine;

import static jokku.engine.EngineStreamsTest.chunk;
import static jokku.engine.EngineStreamsTest.frame;
import static jokku.engine.FakeEngine.raw;
import static jokku.engine.FakeEngine.rawThenClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import jokku.Jokku;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The engine calls that hold a connection of their own (build, load, wait, remove, logs, attach) when the engine's
 * answer breaks off, and when the local input of a streamed request fails: the message says what happened and to
 * which request, never "Cannot connect" and never "Internal error"; a local read failure never blames the engine.
 */
@Tag("unit")
class EngineStreamFaultsTest extends WithFakeEngine {
  static final String JSON_CHUNKED = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  static final String RAW_CHUNKED = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
  static final String UPGRADED = "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
  static final String REFUSED = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 32\r\n\r\n"
      + "{\"message\":\"invalid isolation\"}\n";

  /** Gives {@code good} bytes of a build context, then fails as a disk or a pipe can. */
  static InputStream failingAfter(int good, String reason) {
    return new InputStream() {
      int sent;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (sent >= good) throw new IOException(reason);
        int n = Math.min(len, good - sent);
        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
        sent += n;
        return n;
      }
    };
  }

  // ---- client level ----

  @Test
  void aBuildContextThatFailsWhileRead_isALocalError_notTheEngineClosingTheConnection() {
    fake.on("POST /build", raw(JSON_CHUNKED + chunk("{\"stream\":\"Step 1/1\"}\n") + "0\r\n\r\n"));
    LocalStreamError e = assertThrows(LocalStreamError.class,
        () -> new Images(client).build(failingAfter(100_000, "Input/output error"), "t=app", s -> {}));
    assertEquals("jokku could not read the data it was sending to the Docker engine for POST /build?t=app: Input/output error", e.getMessage());
    assertEquals("Input/output error", e.reason());
  }

  @Test
  void anImageArchiveThatFailsWhileRead_isALocalError() {
    LocalStreamError e = assertThrows(LocalStreamError.class,
        () -> new Images(client).load(failingAfter(10, "Is a directory"), s -> {}));
    assertEquals("jokku could not read the data it was sending to the Docker engine for POST /images/load?quiet=1: Is a directory", e.getMessage());
  }

  @Test
  void aBuildRefusedFromItsHeadAlone_reportsTheRefusal_notTheBrokenPipeOfTheUnreadContext() {
    assertBuildRefusedFromItsHead(rawThenClose(REFUSED));
  }

  /** The engine answers the build's head with {@link #REFUSED} ({@code answer}) without reading its 16 MiB context. */
  void assertBuildRefusedFromItsHead(FakeEngine.Reply answer) {
    fake.onHead("POST /build", answer);
    EngineException e = assertThrows(EngineException.class,
        () -> new Images(client).build(new ByteArrayInputStream(new byte[16 << 20]), "t=app&isolation=x", s -> {}));
    assertEquals("invalid isolation", e.getMessage());
    assertEquals(400, e.status());
    assertEquals(1, fake.count("POST /build"));
  }

  @Test
  void aBuildWhoseConnectionClosesUnanswered_whileTheContextIsSent_saysSo() {
    fake.onHead("POST /build", FakeEngine.hangUp());
    EngineResponseError e = assertThrows(EngineResponseError.class,
        () -> new Images(client).build(new ByteArrayInputStream(new byte[16 << 20]), "t=app", s -> {}));
    assertTrue(e.getMessage().startsWith("The Docker engine closed the connection while jokku was sending POST /build?t=app: "), e.getMessage());
  }

  @Test
  void aBuildStreamCutAfterSomeMessages_isAnErrorNamingTheBuild_afterTheOutputThatCame() {
    fake.on("POST /build", rawThenClose(JSON_CHUNKED + chunk("{\"stream\":\"Step 1/2 : FROM x\\n\"}\n")
        + chunk("{\"stream\":\"Step 2/2 : RUN y\\n\"}\n") + "40\r\n{\"stream\":"));
    List<String> output = new ArrayList<>();
    EngineResponseError e = assertThrows(EngineResponseError.class,
        () -> new Images(client).build(new ByteArrayInputStream(new byte[512]), "t=app", output::add));
    assertEquals("The Docker engine closed the connection in the middle of a chunk, after 75 bytes of the response to POST /build?t=app", e.getMessage());
    assertEquals(List.of("Step 1/2 : FROM x\n", "Step 2/2 : RUN y\n"), output);
  }

  @Test
  void aWaitAnswerCutShort_isAnErrorNamingTheWait() {
    fake.on("POST /containers/c1/wait", rawThenClose("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 30\r\n\r\n{\"Status"));
    try (ContainerWait w = ContainerWait.register(client, "c1", "removed")) {
      EngineResponseError e = assertThrows(EngineResponseError.class, w::exitCode);
      assertEquals("The Docker engine closed the connection after 8 of 30 bytes of the response to POST /containers/c1/wait?condition=removed", e.getMessage());
    }
  }

  @Test
  void aWaitAnswerThatIsNotAnExitCode_isAnEngineResponseError_notAnInternalError() {
    fake.on("POST /containers/c1/wait", rawThenClose("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"StatusCo"));
    try (ContainerWait w = ContainerWait.register(client, "c1", "next-exit")) {
      EngineResponseError e = assertThrows(EngineResponseError.class, w::exitCode);
      assertEquals("The Docker engine's answer to POST /containers/c1/wait?condition=next-exit is not valid JSON:"
          + " invalid JSON at line 1, column 11: unexpected end inside a string", e.getMessage());
    }
    fake.on("POST /containers/c1/wait", raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"Error\":null}"));
    EngineResponseError e = assertThrows(EngineResponseError.class, () -> new Containers(client).await("c1"));
    assertEquals("The Docker engine's answer to POST /containers/c1/wait has no exit code: \"{\"Error\":null}\"", e.getMessage());
  }

  @Test
  void aRemovalWhoseAnswerIsCut_isAnErrorNamingTheRemoval() {
    fake.on("DELETE /containers/c1", rawThenClose("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n{\"mess"));
    EngineResponseError e = assertThrows(EngineResponseError.class, () -> new ContainerRemover(client).removeAll(List.of("c1"), true));
    assertEquals("The Docker engine closed the connection after 6 of 60 bytes of the response to DELETE /containers/c1?v=1&force=1", e.getMessage());
  }

  @Test
  void logLinesCutInTheMiddleOfAFrame_areAnError_afterTheLinesThatCame() throws IOException {
    fake.on("GET /containers/c1/logs", raw(RAW_CHUNKED + chunk(frame(1, "one\ntw") + frame(2, "0123456789").substring(0, 11)) + "0\r\n\r\n"));
    try (DockerClient.Stream s = LogLines.open(client, "c1", false, -1, "")) {
      LogLines lines = new LogLines(s.body());
      assertEquals(new LogLines.Line(1, "one"), lines.next());
      assertEquals(new LogLines.Line(1, "tw"), lines.next());
      assertEquals(new LogLines.Line(2, "012"), lines.next());
      EngineResponseError e = assertThrows(EngineResponseError.class, lines::next);
      assertEquals("The Docker engine's output stream for GET /containers/c1/logs?stdout=1&stderr=1&timestamps=1"
          + " ended in the middle of a frame (3 of 10 bytes)", e.getMessage());
    }
    fake.on("GET /containers/c1/logs", raw(RAW_CHUNKED + chunk(frame(1, "whole\n")) + "0\r\n\r\n"));
    try (DockerClient.Stream s = LogLines.open(client, "c1", false, -1, "")) {
      LogLines lines = new LogLines(s.body());
      assertEquals(new LogLines.Line(1, "whole"), lines.next());
      assertNull(lines.next(), "a stream that ends between frames ends quietly");
    }
  }

  // ---- dokku run, through the CLI ----

  /** Scripts everything {@code dokku run <app> /bin/echo hi} asks before the attach: the image and the created container. */
  Jokku runnable() throws IOException {
    Jokku jokku = new Jokku();
    jokku.env.put("DOCKER_HOST", fake.host());
    Files.createDirectories(jokku.root.resolve("myapp"));
    fake.on("GET /images/dokku%2Fmyapp%3Alatest/json", FakeEngine.json("{\"Id\":\"sha256:i1\",\"Config\":{\"Cmd\":[\"/bin/sh\"],\"Labels\":{}}}"));
    fake.on("POST /containers/create", raw("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"Id\":\"c1\"}"));
    fake.on("POST /containers/c1/start", raw("HTTP/1.1 204 No Content\r\n\r\n"));
    return jokku;
  }

  void assertOneLine(String message, Jokku.Result r) {
    assertEquals(" !     " + message + "\n", r.err(), r.toString());
    assertEquals(1, r.code(), r.toString());
    assertFalse(r.err().contains("Internal error") || r.err().contains("Cannot connect"), r.toString());
  }

  @Test
  void run_whenTheAttachedStreamIsCutInTheMiddleOfAFrame_saysSoInOneLine() throws IOException {
    Jokku jokku = runnable();
    fake.on("POST /containers/c1/attach", rawThenClose(UPGRADED + frame(1, "hi\n") + frame(1, "0123456789").substring(0, 11)));
    fake.on("POST /containers/c1/wait", raw(JSON_CHUNKED)); // registered, answered when the container exits: never
    Jokku.Result r = jokku.run("run", "myapp", "/bin/echo", "hi");
    assertEquals("hi\n012", r.out(), r.toString());
    assertOneLine("The Docker engine's output stream for POST /containers/c1/attach?stream=1&stdout=1&stderr=1&stdin=1"
        + " ended in the middle of a frame (3 of 10 bytes)", r);
  }

  @Test
  void run_whenTheEngineGoesAwayBeforeTheExitCode_saysSoInOneLine() throws IOException {
    Jokku jokku = runnable();
    fake.on("POST /containers/c1/attach", rawThenClose(UPGRADED + frame(1, "hi\n")));
    fake.on("POST /containers/c1/wait", rawThenClose(JSON_CHUNKED));
    Jokku.Result r = jokku.run("run", "myapp", "/bin/echo", "hi");
    assertEquals("hi\n", r.out(), r.toString());
    assertOneLine("The Docker engine closed the connection after 0 bytes of the chunked response to"
        + " POST /containers/c1/wait?condition=removed, before its last chunk", r);
  }

  @Test
  void run_whenTheExitCodeIsNotJson_saysSoInOneLine_notInternalError() throws IOException {
    Jokku jokku = runnable();
    fake.on("POST /containers/c1/attach", rawThenClose(UPGRADED + frame(1, "hi\n")));
    fake.on("POST /containers/c1/wait", rawThenClose("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"StatusCode\":"));
    Jokku.Result r = jokku.run("run", "myapp", "/bin/echo", "hi");
    assertOneLine("The Docker engine's answer to POST /containers/c1/wait?condition=removed is not valid JSON:"
        + " invalid JSON at line 1, column 15: unexpected end, a value expected", r);
  }
}
