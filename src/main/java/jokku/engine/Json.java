package jokku.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON (RFC 8259) through jackson-core's streaming parser and generator, as plain Java values: objects become
 * {@code LinkedHashMap} (member order kept, the last of duplicate names wins), arrays {@code ArrayList}, integers
 * {@code Long} (or {@code BigInteger} beyond 64 bits, exact), other numbers {@code Double} (or {@code BigDecimal}
 * beyond the range of a double). Nesting deeper than {@value #MAX_DEPTH} levels is refused, and so is anything after
 * the value. Every malformed input is an {@code IllegalArgumentException} with a one-line reason. The writer escapes
 * like Go's encoding/json ({@code <>&}, U+2028/9 and control characters as lower-case unicode escapes), so reports are
 * byte-compatible with Dokku's, and refuses NaN and infinities.
 */
public final class Json {
  /** The deepest nesting of arrays and objects accepted. */
  public static final int MAX_DEPTH = 512;

  private static final JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactoryBuilder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .characterEscapes(new GoEscapes())
      .build();

  private Json() {}

  public static Object parse(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      return read(p);
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  /** Parses UTF-8 bytes (an engine response body); malformed UTF-8 is refused too. */
  public static Object parse(byte[] utf8) {
    try (JsonParser p = FACTORY.createParser(utf8)) {
      return read(p);
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) throw new IllegalArgumentException("JSON object expected");
    return (Map<String, Object>) v;
  }

  /** Builds the value without recursion: the open containers are on a stack, the parser checks the grammar. */
  @SuppressWarnings("unchecked")
  private static Object read(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) throw new IllegalArgumentException("invalid JSON: no value");
    ArrayDeque<Object> open = new ArrayDeque<>();
    Object root = null;
    String name = null;
    do {
      Object v;
      switch (t) {
        case FIELD_NAME:
          name = p.currentName();
          continue;
        case END_OBJECT:
        case END_ARRAY:
          open.pop();
          continue;
        case START_OBJECT: v = new LinkedHashMap<String, Object>(); break;
        case START_ARRAY: v = new ArrayList<Object>(); break;
        case VALUE_STRING: v = p.getText(); break;
        case VALUE_NUMBER_INT: v = integer(p); break;
        case VALUE_NUMBER_FLOAT: v = decimal(p); break;
        case VALUE_TRUE: v = Boolean.TRUE; break;
        case VALUE_FALSE: v = Boolean.FALSE; break;
        case VALUE_NULL: v = null; break;
        default: throw new IllegalArgumentException("invalid JSON: unexpected " + t);
      }
      Object parent = open.peek();
      if (parent == null) {
        root = v;
      } else if (parent instanceof Map) {
        ((Map<String, Object>) parent).put(name, v);
      } else {
        ((List<Object>) parent).add(v);
      }
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) open.push(v);
    } while (!open.isEmpty() && (t = p.nextToken()) != null);
    if (!open.isEmpty()) throw new IllegalArgumentException("invalid JSON: unexpected end");
    if (p.nextToken() != null) {
      throw new IllegalArgumentException("invalid JSON at line " + p.currentLocation().getLineNr() + ", column "
          + p.currentLocation().getColumnNr() + ": more data after the value");
    }
    return root;
  }

  private static Object integer(JsonParser p) throws IOException {
    return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
  }

  private static Object decimal(JsonParser p) throws IOException {
    double d = p.getDoubleValue();
    if (Double.isFinite(d)) return d;
    try {
      return p.getDecimalValue();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("invalid JSON: number out of range: " + abbreviate(p.getText()));
    }
  }

  private static IllegalArgumentException invalid(IOException e) {
    if (e instanceof StreamConstraintsException && e.getMessage().contains("nesting depth")) {
      return new IllegalArgumentException("invalid JSON: nested deeper than " + MAX_DEPTH + " levels");
    }
    if (e instanceof JsonProcessingException) {
      JsonProcessingException j = (JsonProcessingException) e;
      String what = j.getOriginalMessage() == null ? "malformed" : j.getOriginalMessage();
      what = what.replaceAll("\\[Source: [^;\\]]*; ", "[").replace('\n', ' ').trim();
      if (j.getLocation() == null) return new IllegalArgumentException("invalid JSON: " + what);
      return new IllegalArgumentException("invalid JSON at line " + j.getLocation().getLineNr() + ", column "
          + j.getLocation().getColumnNr() + ": " + what);
    }
    return new IllegalArgumentException("invalid JSON: " + e.getMessage());
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  // ---- writing ----

  /** The value as compact JSON; {@code NaN} and infinities are refused with an {@code IllegalArgumentException}. */
  public static String write(Object v) {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      write(g, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return w.toString();
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigInteger) {
      g.writeNumber((BigInteger) v);
    } else if (v instanceof BigDecimal) {
      g.writeNumber((BigDecimal) v);
    } else if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) throw new IllegalArgumentException("JSON has no " + d + ": a number must be finite");
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        g.writeNumber((long) d);
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Iterable) {
      g.writeStartArray();
      for (Object o : (Iterable<?>) v) write(g, o);
      g.writeEndArray();
    } else {
      g.writeString(v.toString());
    }
  }

  /** Go's encoding/json escaping: {@code <>&}, U+2028, U+2029 and control characters as lower-case backslash-u escapes. */
  private static final class GoEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    GoEscapes() {
      for (int c = 0; c < 0x20; c++) {
        if (c != '\n' && c != '\r' && c != '\t') ascii[c] = ESCAPE_CUSTOM;
      }
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
      if (ch < 0x80 ? ascii[ch] != ESCAPE_CUSTOM : ch != 0x2028 && ch != 0x2029) return null;
      char[] hex = "0123456789abcdef".toCharArray();
      return new com.fasterxml.jackson.core.io.SerializedString(
          new String(new char[] {'\\', 'u', hex[ch >> 12 & 15], hex[ch >> 8 & 15], hex[ch >> 4 & 15], hex[ch & 15]}));
    }
  }
}
