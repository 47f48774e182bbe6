package jokku.property;

import java.util.List;
import java.util.function.UnaryOperator;
import jokku.DokkuException;

/** How a property refuses a value: one clear message, before anything is written. "" (unset) is never checked. */
@FunctionalInterface
public interface Check {
  /** Throws a {@link DokkuException} for a value the property does not take. */
  void check(String value);

  Check ANY = value -> {};

  /** Refuses a value outside {@code allowed}; {@code message} gets the value. */
  static Check oneOf(List<String> allowed, UnaryOperator<String> message) {
    return value -> {
      if (!allowed.contains(value)) throw new DokkuException(message.apply(value));
    };
  }

  /** Refuses a value that does not match {@code regex}; {@code message} gets the value. */
  static Check matches(String regex, UnaryOperator<String> message) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
    return value -> {
      if (!p.matcher(value).matches()) throw new DokkuException(message.apply(value));
    };
  }
}
