package jokku.git;

/**
 * The rules {@code git check-ref-format --branch} applies to a branch name, checked without starting git: no
 * component starting with {@code .} or ending with {@code .lock}, no {@code ..}, {@code @{}, {@code //}, control
 * characters, space, {@code ~ ^ : ? * [ \}, not starting or ending with {@code /}, not ending with {@code .}, not
 * {@code @}, and (for a branch) not starting with {@code -} nor being {@code HEAD}.
 */
final class BranchName {
  private BranchName() {}

  static boolean valid(String name) {
    if (name.isEmpty() || name.equals("@") || name.equals("HEAD") || name.startsWith("-")) return false;
    if (name.startsWith("/") || name.endsWith("/") || name.endsWith(".")) return false;
    if (name.contains("..") || name.contains("@{") || name.contains("//")) return false;
    for (char c : name.toCharArray()) {
      if (c < 0x20 || c == 0x7f || " ~^:?*[\\".indexOf(c) >= 0) return false;
    }
    for (String component : name.split("/")) {
      if (component.startsWith(".") || component.endsWith(".lock")) return false;
    }
    return true;
  }
}
