package jokku.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON exactly as RFC 8259 has it (checked against every case of nst/JSONTestSuite), as plain Java values: objects
 * become {@code LinkedHashMap} (member order kept, the last of duplicate names wins, as in Go), arrays
 * {@code ArrayList}, integers {@code Long} or, beyond 64 bits, an exact {@code BigInteger}, other numbers
 * {@code Double} or, beyond a double's range, {@code BigDecimal}. Nesting deeper than {@value #MAX_DEPTH} levels is
 * refused; every malformed input is an {@code IllegalArgumentException} with a one-line reason and its position.
 * The writer escapes like Go's encoding/json ({@code <>&}, U+2028/9 and control characters as lower-case
 * backslash-u escapes), so reports are byte-compatible with Dokku's, and refuses NaN and infinities.
 *
 * <p>Hand-written rather than a library: with jackson-core every command was 15-25% slower under the launcher's
 * archive (its classes load at each start, the jar to hash grows 2.5 times), about 7 ms on a quiet machine, over
 * the 3 ms allowed; see the README's engine client section.
 */
public final class Json {
  /** The deepest nesting of arrays and objects accepted. */
  public static final int MAX_DEPTH = 512;

  /**
   * The text as characters: array reads, where {@code String.charAt} is several calls per character for as long as
   * the parse runs interpreted (all of a command's short life): a 60-container list parses about twice as fast.
   */
  private final char[] s;
  /** The length of the text in {@link #s}. */
  private final int n;
  private int i;
  private int depth;

  private Json(char[] s, int n) {
    this.s = s;
    this.n = n;
  }

  public static Object parse(String text) {
    return parse(text.toCharArray(), text.length());
  }

  private static Object parse(char[] text, int length) {
    Json p = new Json(text, length);
    p.ws();
    Object v = p.value();
    p.ws();
    if (p.i != p.n) throw p.err("more data after the value");
    return v;
  }

  /** Parses UTF-8 bytes (an engine response body); bytes that are not UTF-8 are refused too. */
  public static Object parse(byte[] utf8) {
    try {
      CharBuffer text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8));
      return text.hasArray() && text.arrayOffset() == 0 && text.position() == 0
          ? parse(text.array(), text.limit()) : parse(text.toString());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("invalid JSON: not UTF-8 text");
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) throw new IllegalArgumentException("JSON object expected");
    return (Map<String, Object>) v;
  }

  private Object value() {
    if (i >= n) throw err("unexpected end, a value expected");
    char c = s[i];
    switch (c) {
      case '{': return object();
      case '[': return array();
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default:
        if (c == '-' || c >= '0' && c <= '9') return number();
        throw err("unexpected " + shown(c) + ", a value expected");
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) throw new IllegalArgumentException("invalid JSON: nested deeper than " + MAX_DEPTH + " levels");
    i++;
    ws();
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    enter();
    if (peek() == '}') {
      i++;
      depth--;
      return m;
    }
    while (true) {
      if (peek() != '"') throw err("unexpected " + shown(peek()) + ", a member name expected");
      String k = string();
      ws();
      if (peek() != ':') throw err("unexpected " + shown(peek()) + ", ':' expected");
      i++;
      ws();
      m.put(k, value());
      ws();
      char c = peek();
      i++;
      if (c == '}') {
        depth--;
        return m;
      }
      if (c != ',') throw err(-1, "unexpected " + shown(c) + ", ',' or '}' expected");
      ws();
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    enter();
    if (peek() == ']') {
      i++;
      depth--;
      return l;
    }
    while (true) {
      l.add(value());
      ws();
      char c = peek();
      i++;
      if (c == ']') {
        depth--;
        return l;
      }
      if (c != ',') throw err(-1, "unexpected " + shown(c) + ", ',' or ']' expected");
      ws();
    }
  }

  private String string() {
    int start = ++i;
    while (i < n) { // fast path: no escapes
      char c = s[i];
      if (c == '"') return new String(s, start, i++ - start);
      if (c == '\\' || c < 0x20) break;
      i++;
    }
    StringBuilder b = new StringBuilder(n - start < 64 ? 16 : 64).append(s, start, i - start);
    while (true) {
      if (i >= n) throw err("unexpected end inside a string");
      char c = s[i++];
      if (c == '"') return b.toString();
      if (c < 0x20) throw err(-1, "a raw control character " + shown(c) + " inside a string");
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (i >= n) throw err("unexpected end inside a string");
      char e = s[i++];
      switch (e) {
        case '"': case '\\': case '/': b.append(e); break;
        case 'b': b.append('\b'); break;
        case 'f': b.append('\f'); break;
        case 'n': b.append('\n'); break;
        case 'r': b.append('\r'); break;
        case 't': b.append('\t'); break;
        case 'u': b.append(hex4()); break;
        default: throw err(-2, "a bad escape \\" + (e < 0x20 || e > 0x7e ? shown(e) : String.valueOf(e)) + " inside a string");
      }
    }
  }

  private char hex4() {
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int d = i < n && s[i] < 128 ? Character.digit(s[i], 16) : -1;
      if (d < 0) throw err("a bad \\u escape: four hex digits expected");
      v = v * 16 + d;
      i++;
    }
    return (char) v;
  }

  /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
  private Object number() {
    int start = i;
    if (s[i] == '-') i++;
    if (i < n && s[i] == '0') {
      i++;
      if (i < n && isDigit(s[i])) throw err("a number with a leading zero");
    } else if (digits() == 0) {
      throw err("a digit expected after '-'");
    }
    boolean integer = true;
    if (i < n && s[i] == '.') {
      i++;
      integer = false;
      if (digits() == 0) throw err("a digit expected after the decimal point");
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
      i++;
      integer = false;
      if (i < n && (s[i] == '+' || s[i] == '-')) i++;
      if (digits() == 0) throw err("a digit expected in the exponent");
    }
    String text = new String(s, start, i - start);
    if (integer) return text.length() < 19 ? (Object) Long.parseLong(text) : exactInteger(text);
    double d = Double.parseDouble(text);
    if (Double.isFinite(d)) return d;
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw err(start - i, "a number out of range");
    }
  }

  private static Object exactInteger(String n) {
    BigInteger b = new BigInteger(n);
    return b.bitLength() < 64 ? (Object) b.longValue() : b;
  }

  private int digits() {
    int from = i;
    while (i < n && isDigit(s[i])) i++;
    return i - from;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object v) {
    for (int k = 0; k < word.length(); k++) {
      if (i + k >= n || s[i + k] != word.charAt(k)) throw err("unexpected " + shown(s[i]) + ", a value expected");
    }
    i += word.length();
    return v;
  }

  private void ws() {
    while (i < n) {
      char c = s[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      i++;
    }
  }

  private char peek() {
    if (i >= n) throw err("unexpected end");
    return s[i];
  }

  private static String shown(char c) {
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private IllegalArgumentException err(String what) {
    return err(0, what);
  }

  /** An error at the current position (moved by {@code back}), as line and column of the input. */
  private IllegalArgumentException err(int back, String what) {
    int at = Math.max(0, Math.min(n, i + back));
    int line = 1, col = 1;
    for (int k = 0; k < at; k++) {
      if (s[k] == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new IllegalArgumentException("invalid JSON at line " + line + ", column " + col + ": " + what);
  }

  /** The value as compact JSON (see {@link JsonWriter}); NaN and infinities are refused. */
  public static String write(Object v) {
    return JsonWriter.write(v);
  }
}
