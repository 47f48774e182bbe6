package jokku.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jokku.DokkuException;
import jokku.store.Store;

/**
 * Dokku's ssh-keys plugin (with sshcommand's acl-add/remove/list) on {@code $DOKKU_ROOT/.ssh/authorized_keys}, plus
 * jokku's admin mark. Every change is validated as Dokku validates it, checked with {@code ssh-keygen} as the whole
 * new file (every key sshd could read before, and the new one, must still be readable), then written atomically
 * under a lock: sshd never sees a half-written or unreadable file.
 */
public final class SshKeys {
  public static final String FILE = ".ssh/authorized_keys";
  static final String SSHCOMMAND = ".sshcommand";
  /** Beside authorized_keys, owned like its folder: ssh-keys:add runs as root, an admin key's as the dokku user. */
  private static final String LOCK = ".ssh/.authorized_keys.lock";
  private final Store store;

  public SshKeys(Store store) {
    this.store = store;
  }

  /** The keys sshcommand lists, and the numbers of the lines ssh-keygen (so sshd) cannot read. */
  public record Listing(boolean fileExists, List<AuthorizedKeys.Entry> entries, List<Integer> unreadableLines) {
    public AuthorizedKeys.Entry named(String name) {
      for (AuthorizedKeys.Entry e : entries) if (e.name().equals(name)) return e;
      return null;
    }
  }

  public String file() {
    return store.root().resolve(FILE).toString();
  }

  public Listing list() {
    return listing(store.readRootFile(FILE), store.rootFileExists(FILE));
  }

  private static Listing listing(String content, boolean exists) {
    Set<String> readable = SshKeyGen.fingerprints(content);
    List<AuthorizedKeys.Entry> entries = new ArrayList<>();
    List<Integer> unreadable = new ArrayList<>();
    for (AuthorizedKeys.Line line : AuthorizedKeys.lines(content)) {
      if (!line.isKey()) continue;
      if (line.keyFingerprint().isEmpty() || !readable.contains(line.keyFingerprint())) {
        unreadable.add(line.number());
        continue;
      }
      AuthorizedKeys.Entry e = AuthorizedKeys.entry(line);
      if (e != null) entries.add(e);
    }
    return new Listing(exists, entries, unreadable);
  }

  /** Adds a key under a name; returns its fingerprint (sshcommand prints it). */
  public String add(String name, String key) {
    KeyName.check(name);
    String k = key.strip();
    if (k.isEmpty()) throw new DokkuException("Empty key was specified");
    if (k.contains("\n") || k.contains("\r")) throw new DokkuException("Too many keys provided, set one per invocation of dokku ssh-keys:add <NAME> <KEY_FILE>");
    Set<String> fps = SshKeyGen.fingerprints(k + "\n");
    if (fps.size() != 1) throw new DokkuException("Key specified in is not a valid ssh public key");
    String sshcommand = store.readRootFile(SSHCOMMAND).strip();
    if (sshcommand.isEmpty()) {
      throw new DokkuException(store.root().resolve(SSHCOMMAND) + " is missing or empty: a key's login would run its command without jokku (run script/install --as-dokku, or write the jokku binary's path into it)");
    }
    try (Store.Lock l = store.lockRootFile(LOCK)) {
      String content = store.readRootFile(FILE);
      Listing before = listing(content, true);
      if (before.named(name) != null) throw new DokkuException("Duplicate ssh key name");
      if (AuthorizedKeys.hasOptions(k)) throw new DokkuException("Invalid ssh public key");
      String fp = fps.iterator().next();
      if (content.contains(fp)) throw new DokkuException("Duplicate ssh public key specified");
      for (AuthorizedKeys.Line line : AuthorizedKeys.lines(content)) {
        if (fp.equals(line.keyFingerprint())) throw new DokkuException("Duplicate ssh public key specified");
      }
      String line = AuthorizedKeys.forcedLine(fp, name, store.root().resolve(SSHCOMMAND).toString(), k);
      String after = content + (content.isEmpty() || content.endsWith("\n") ? "" : "\n") + line + "\n";
      write(content, after, fp);
      return fp;
    }
  }

  /** Removes the key(s) of a name; fails when there is none. The name's admin mark goes with it. */
  public void removeByName(String name) {
    KeyName.check(name);
    remove(e -> e.name().equals(name), "No ssh key named " + name);
    store.deleteData(Permissions.PLUGIN, Permissions.ADMINS, name);
  }

  /** Removes the key(s) of a fingerprint; fails when there is none. */
  public void removeByFingerprint(String fingerprint) {
    if (fingerprint.isEmpty()) throw new DokkuException("A fingerprint is required to remove a key, ie: dokku ssh-keys:remove --fingerprint FINGERPRINT");
    List<String> names = new ArrayList<>();
    remove(e -> {
      boolean match = e.fingerprint().equals(fingerprint);
      if (match) names.add(e.name());
      return match;
    }, "No ssh key with fingerprint " + fingerprint);
    for (String n : names) if (KeyName.isValid(n)) store.deleteData(Permissions.PLUGIN, Permissions.ADMINS, n);
  }

  private void remove(java.util.function.Predicate<AuthorizedKeys.Entry> match, String none) {
    try (Store.Lock l = store.lockRootFile(LOCK)) {
      String content = store.readRootFile(FILE);
      StringBuilder kept = new StringBuilder();
      boolean found = false;
      for (AuthorizedKeys.Line line : AuthorizedKeys.lines(content)) {
        AuthorizedKeys.Entry e = AuthorizedKeys.entry(line);
        if (e != null && match.test(e)) {
          found = true;
          continue;
        }
        kept.append(line.text()).append('\n');
      }
      if (!found) throw new DokkuException(none);
      write(content, kept.toString(), null);
    }
  }

  /** Checks that {@code after} keeps every key of {@code before} sshd could read (and {@code added}), then writes it. */
  private void write(String before, String after, String added) {
    Set<String> had = SshKeyGen.fingerprints(before);
    Set<String> has = SshKeyGen.fingerprints(after);
    Set<String> kept = new LinkedHashSet<>();
    for (AuthorizedKeys.Line line : AuthorizedKeys.lines(after)) if (had.contains(line.keyFingerprint())) kept.add(line.keyFingerprint());
    if (!has.containsAll(kept) || added != null && !has.contains(added)) {
      throw new DokkuException("The new " + file() + " failed the ssh-keygen check: nothing was changed");
    }
    store.writePrivateRootFile(FILE, after);
  }

  public boolean isAdmin(String name) {
    return KeyName.isValid(name) && store.dataExists(Permissions.PLUGIN, Permissions.ADMINS, name);
  }

  /** {@code ssh-keys:set <name> admin true|false}: the key must be registered. */
  public void setAdmin(String name, boolean admin) {
    KeyName.check(name);
    if (list().named(name) == null) throw new DokkuException("No ssh key named " + name);
    if (admin) store.writeData(Permissions.PLUGIN, Permissions.ADMINS, name, "");
    else store.deleteData(Permissions.PLUGIN, Permissions.ADMINS, name);
  }
}
