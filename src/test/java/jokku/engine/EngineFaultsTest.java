package jokku.engine;

import static jokku.engine.FakeEngine.NETWORKS;
import static jokku.engine.FakeEngine.hangUp;
import static jokku.engine.FakeEngine.json;
import static jokku.engine.FakeEngine.raw;
import static jokku.engine.FakeEngine.rawThenClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import jokku.Jokku;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a user sees when the engine's answer breaks off or is malformed, through real commands against a
 * {@link FakeEngine}: one {@code  !     } line saying what happened, exit 1, no stack trace, no "Internal error",
 * no "Cannot connect" for an engine that was reached, and no request sent twice that might have been carried out.
 */
@Tag("unit")
class EngineFaultsTest {
  static final String HEAD_200 = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n";
  static final String CREATED = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 22\r\n\r\n{\"Id\":\"n1\",\"Warning\":\"\"}";

  FakeEngine fake;
  Jokku jokku;

  @BeforeEach
  void start() throws IOException {
    fake = new FakeEngine();
    jokku = new Jokku();
    jokku.env.put("DOCKER_HOST", fake.host());
  }

  @AfterEach
  void stop() throws IOException {
    fake.close();
  }

  /** Connections jokku opened to the engine. */
  int links() {
    return fake.connections.get();
  }

  void assertFails(String stderr, Jokku.Result r) {
    assertEquals(" !     " + stderr + "\n", r.err(), r.toString());
    assertEquals(1, r.code(), r.toString());
  }

  @Test
  void aWholeAnswer_listsTheNetworks() {
    fake.on("GET /networks", json(NETWORKS));
    Jokku.Result r = jokku.run("network:list");
    assertEquals("=====> Networks\nbridge\ndb-net\n", r.out(), r.toString());
    assertEquals(0, r.code());
    assertEquals(1, links(), "one kept-alive connection for /_ping and the list");
  }

  @Test
  void anApiVersionThatIsNotANumber_isAnError_notAnInternalError() {
    fake.on("GET /_ping", raw("HTTP/1.1 200 OK\r\nApi-Version: banana\r\nContent-Length: 2\r\n\r\nOK"));
    assertFails("The Docker engine gave an API version jokku cannot read: \"banana\"", jokku.run("network:list"));
  }

  @Test
  void anEngineNewerThanTheClient_isSpokenToInTheClientsNewestVersion_andAnOlderOneInItsOwn() {
    fake.on("GET /_ping", raw("HTTP/1.1 200 OK\r\nApi-Version: 1.52\r\nContent-Length: 2\r\n\r\nOK"));
    fake.on("GET /networks", json(NETWORKS));
    assertEquals(0, jokku.run("network:list").code());
    fake.on("GET /_ping", raw("HTTP/1.1 200 OK\r\nApi-Version: 1.9\r\nContent-Length: 2\r\n\r\nOK"));
    fake.on("GET /networks", json(NETWORKS));
    assertEquals(0, jokku.run("network:list").code());
    assertEquals(java.util.List.of("/v1.47/networks", "/v1.9/networks"),
        fake.received.stream().map(FakeEngine.Request::path).filter(p -> p.endsWith("/networks")).toList());
  }

  @Test
  void aBodyShorterThanItsContentLength_isAnErrorSayingHowMuchCame_andIsNotRepeated() {
    fake.on("GET /networks", rawThenClose(HEAD_200 + "Content-Length: 340\r\n\r\n" + NETWORKS.substring(0, 40)));
    assertFails("The Docker engine closed the connection after 40 of 340 bytes of the response to GET /networks", jokku.run("network:list"));
    assertEquals(1, fake.count("GET /networks"));
  }

  @Test
  void aChunkCutShort_isAnError_notCannotConnect() {
    fake.on("GET /networks", rawThenClose(HEAD_200 + "Transfer-Encoding: chunked\r\n\r\n13\r\n[{\"Name\":\"bridge\"},\r\n40\r\n{\"Name\":"));
    assertFails("The Docker engine closed the connection in the middle of a chunk, after 27 bytes of the response to GET /networks",
        jokku.run("network:list"));
    assertEquals(1, fake.count("GET /networks"));
  }

  @Test
  void aChunkedBodyWithoutItsLastChunk_isAnError() {
    fake.on("GET /networks", rawThenClose(HEAD_200 + "Transfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n"));
    assertFails("The Docker engine closed the connection after 2 bytes of the chunked response to GET /networks, before its last chunk",
        jokku.run("network:list"));
  }

  @Test
  void aChunkLongerThanItsSize_isAMalformedResponse() {
    fake.on("GET /networks", raw(HEAD_200 + "Transfer-Encoding: chunked\r\n\r\n1\r\n[]\r\n0\r\n\r\n"));
    assertFails("The Docker engine sent a malformed response to GET /networks: a chunk longer than its size, after 1 bytes", jokku.run("network:list"));
  }

  @Test
  void aBadChunkSize_isAMalformedResponse() {
    fake.on("GET /networks", raw(HEAD_200 + "Transfer-Encoding: chunked\r\n\r\nzz\r\n[]\r\n0\r\n\r\n"));
    assertFails("The Docker engine sent a malformed response to GET /networks: a bad chunk size \"zz\" after 0 bytes", jokku.run("network:list"));
  }

  @Test
  void interimResponses_areSkipped() {
    fake.on("GET /networks", raw("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
        + HEAD_200 + "Content-Length: " + NETWORKS.length() + "\r\n\r\n" + NETWORKS));
    Jokku.Result r = jokku.run("network:list");
    assertEquals("=====> Networks\nbridge\ndb-net\n", r.out(), r.toString());
    assertEquals(0, r.code());
  }

  @Test
  void foldedHeaderLines_areRefused() {
    fake.on("GET /networks", raw(HEAD_200 + "X-Note: a\r\n folded\r\nContent-Length: 2\r\n\r\n[]"));
    assertFails("The Docker engine sent a malformed response to GET /networks: a folded header line (obsolete line folding): \" folded\"",
        jokku.run("network:list"));
  }

  @Test
  void aListOfContentLengths_isRefused() {
    fake.on("GET /networks", raw(HEAD_200 + "Content-Length: 2, 2\r\n\r\n[]"));
    assertFails("The Docker engine sent a malformed response to GET /networks: Content-Length \"2, 2\" is not one number of bytes",
        jokku.run("network:list"));
    fake.on("GET /networks", raw(HEAD_200 + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n[]"));
    assertFails("The Docker engine sent a malformed response to GET /networks: Content-Length \"2, 2\" is not one number of bytes",
        jokku.run("network:list"));
  }

  @Test
  void aBadStatusLine_andABodyThatIsNotJson_areErrors() {
    fake.on("GET /networks", raw("HTTP/1.1 2x0 OK\r\n\r\n"));
    assertFails("The Docker engine sent a malformed response to GET /networks: bad status line \"HTTP/1.1 2x0 OK\"", jokku.run("network:list"));
    fake.on("GET /networks", raw(HEAD_200 + "Content-Length: 3\r\n\r\n[1,"));
    assertFails("The Docker engine sent a response that is not valid JSON: invalid JSON at line 1, column 4: unexpected end, a value expected",
        jokku.run("network:list"));
  }

  @Test
  void aPostWhoseAnswerBreaksOffAfterTheHead_isSentOnce() {
    fake.on("GET /networks", json("[]"));
    fake.on("POST /networks/create", rawThenClose("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"));
    Jokku.Result r = jokku.run("network:create", "fresh-net");
    assertFails("The Docker engine closed the connection after 0 of 100 bytes of the response to POST /networks/create", r);
    assertEquals("-----> Creating network fresh-net\n", r.out());
    assertEquals(1, fake.count("POST /networks/create"), "the engine received the POST once");
  }

  @Test
  void aPostLeftUnanswered_isSentOnce_andTheMessageSaysTheOutcomeIsUnknown() {
    fake.on("GET /networks", json("[]"));
    fake.on("POST /networks/create", hangUp(), raw(CREATED));
    assertFails("The Docker engine closed the connection without answering POST /networks/create"
        + " (the engine may or may not have carried it out; jokku does not send it twice)", jokku.run("network:create", "fresh-net"));
    assertEquals(1, fake.count("POST /networks/create"));
  }

  @Test
  void aGetLeftUnansweredOnAKeptAliveConnection_isRepeatedOnce() {
    fake.on("GET /networks", hangUp(), json(NETWORKS));
    Jokku.Result r = jokku.run("network:list");
    assertEquals("=====> Networks\nbridge\ndb-net\n", r.out(), r.toString());
    assertEquals(2, fake.count("GET /networks"));
    assertEquals(2, links());
  }

  @Test
  void aGetLeftUnansweredTwice_isAnError() {
    fake.on("GET /networks", hangUp(), hangUp(), json(NETWORKS));
    assertFails("The Docker engine closed the connection without answering GET /networks", jokku.run("network:list"));
    assertEquals(2, fake.count("GET /networks"));
  }

  @Test
  void anEngineThatIsNotThere_isStillCannotConnect() throws IOException {
    fake.close();
    assertFails("Cannot connect to the Docker engine at " + fake.host() + ": No such file or directory", jokku.run("network:list"));
  }
}
