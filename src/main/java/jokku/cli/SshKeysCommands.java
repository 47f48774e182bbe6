package jokku.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.access.Acl;
import jokku.access.AuthorizedKeys;
import jokku.access.SshKeys;
import jokku.engine.Json;

/** {@code ssh-keys:*}: Dokku's ssh-keys plugin, and jokku's admin mark ({@code ssh-keys:set <name> admin}). */
final class SshKeysCommands {
  /** The most a piped key may be: keys are a few hundred bytes, an RSA 16384 certificate a few kilobytes. */
  private static final int MAX_KEY_BYTES = 64 * 1024;

  private SshKeysCommands() {}

  static void register(Registry r) {
    r.command("ssh-keys:add", SshKeysCommands::add)
        .command("ssh-keys:list", SshKeysCommands::list)
        .command("ssh-keys:remove", SshKeysCommands::remove)
        .command("ssh-keys:report", SshKeysCommands::report)
        .command("ssh-keys:set", SshKeysCommands::set);
  }

  static int add(Ctx ctx, List<String> raw) {
    Args a = Args.parse("ssh-keys:add", raw).atMost(2);
    String name = a.arg(0);
    if (name.isEmpty()) throw new DokkuException("A name is required to add a key, ie: dokku ssh-keys:add <name> [<file>]");
    String source = a.arg(1);
    String key;
    try {
      if (source.isEmpty() || source.equals("-")) {
        key = read(ctx.in);
      } else {
        Path file = Path.of(source);
        if (!Files.isRegularFile(file)) throw new DokkuException("Key file " + source + " does not exist");
        if (Files.size(file) > MAX_KEY_BYTES) throw new DokkuException("Key specified in is not a valid ssh public key");
        key = Files.readString(file, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new DokkuException("Unable to read the key: " + jokku.engine.LocalStreamError.reason(e));
    }
    ctx.out.println(new SshKeys(ctx.store()).add(name, key));
    return 0;
  }

  private static String read(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_KEY_BYTES + 1);
    if (b.length > MAX_KEY_BYTES) throw new DokkuException("Key specified in is not a valid ssh public key");
    return new String(b, StandardCharsets.UTF_8);
  }

  static int remove(Ctx ctx, List<String> raw) {
    Args a = Args.parse("ssh-keys:remove", raw).atMost(1);
    SshKeys keys = new SshKeys(ctx.store());
    if (a.has("--fingerprint")) {
      if (a.size() > 0) throw new DokkuException("Give a name or --fingerprint, not both");
      keys.removeByFingerprint(a.value("--fingerprint", ""));
    } else {
      if (a.arg(0).isEmpty()) throw new DokkuException("A name is required to remove a key, ie: dokku ssh-keys:remove <name>");
      keys.removeByName(a.arg(0));
    }
    return 0;
  }

  static int list(Ctx ctx, List<String> raw) {
    Args a = Args.parse("ssh-keys:list", raw).atMost(1);
    String format = a.value("--format", "text");
    if (!format.equals("text") && !format.equals("json")) throw new DokkuException("Invalid output format specified, supported formats: json, text");
    SshKeys keys = new SshKeys(ctx.store());
    SshKeys.Listing l = keys.list();
    boolean ignore = ctx.env("SSHCOMMAND_IGNORE_LIST_WARNINGS", "false").equals("true");
    if (!l.fileExists() || l.entries().isEmpty() && l.unreadableLines().isEmpty()) {
      ctx.out.warn(l.fileExists() ? "authorized_keys is empty for dokku" : "authorized_keys not found for dokku");
      if (!ignore) return 1;
      if (format.equals("json")) ctx.out.println("[]");
      return 0;
    }
    for (int n : l.unreadableLines()) ctx.out.warn(keys.file() + " line " + n + " failed ssh-keygen check" + (ignore ? ", ignoring." : "."));
    String name = a.arg(0);
    List<String> items = new ArrayList<>();
    for (AuthorizedKeys.Entry e : l.entries()) {
      if (!name.isEmpty() && !e.name().equals(name)) continue;
      if (format.equals("json")) {
        items.add("{ \"fingerprint\": " + Json.write(e.fingerprint()) + ", \"name\": " + Json.write(e.name()) + ", \"SSHCOMMAND_ALLOWED_KEYS\": "
            + Json.write(e.allowedKeys()) + ", \"public-key\": " + Json.write(e.publicKey()) + " }");
      } else {
        ctx.out.println(e.fingerprint() + " NAME=\"" + e.name() + "\" SSHCOMMAND_ALLOWED_KEYS=\"" + e.allowedKeys() + "\"");
      }
    }
    if (format.equals("json")) ctx.out.println("[" + String.join(",", items) + "]");
    return l.unreadableLines().isEmpty() || ignore ? 0 : 1;
  }

  static int report(Ctx ctx, List<String> raw) {
    ReportView.Request r = ReportView.parse("ssh-keys", raw, false);
    ReportView.checkFormat(r);
    SshKeys keys = new SshKeys(ctx.store());
    SshKeys.Listing l = keys.list();
    List<AuthorizedKeys.Entry> shown = new ArrayList<>();
    for (AuthorizedKeys.Entry e : l.entries()) if (r.app().isEmpty() || e.name().equals(r.app())) shown.add(e);
    if (!r.app().isEmpty() && shown.isEmpty()) throw new DokkuException("No ssh key named " + r.app());
    if (shown.isEmpty()) {
      ctx.out.warn("No ssh keys are registered");
      return 0;
    }
    Acl acl = new Acl(ctx.store());
    for (AuthorizedKeys.Entry e : shown) {
      List<String> apps = new ArrayList<>();
      for (String app : ctx.store().apps()) if (acl.names(app).contains(e.name())) apps.add(app);
      Map<String, String> flags = new LinkedHashMap<>();
      flags.put("--ssh-keys-fingerprint", e.fingerprint());
      flags.put("--ssh-keys-admin", String.valueOf(keys.isAdmin(e.name())));
      flags.put("--ssh-keys-acl-apps", String.join(" ", apps));
      flags.put("--ssh-keys-allowed-keys", e.allowedKeys());
      ReportView.checkFlag(r, flags.keySet());
      ReportView.print(ctx.out, "ssh-keys", "ssh-keys", e.name(), flags, r, ReportView.Keys.STRIPPED, Map.of("name", e.name()));
    }
    return 0;
  }

  static int set(Ctx ctx, List<String> raw) {
    Args a = Args.parse("ssh-keys:set", raw).atMost(3);
    String name = a.arg(0), key = a.arg(1), value = a.arg(2);
    if (name.isEmpty()) throw new DokkuException("Please specify a key name");
    if (!key.equals("admin")) throw new DokkuException("Invalid property " + (key.isEmpty() ? "(none)" : key) + ": the only ssh-keys property is admin");
    if (!value.isEmpty() && !value.equals("true") && !value.equals("false")) throw new DokkuException("Invalid value for admin: " + value + " (true or false)");
    new SshKeys(ctx.store()).setAdmin(name, value.equals("true"));
    ctx.out.info2Quiet(value.isEmpty() ? "Unsetting admin for " + name : "Setting admin to " + value + " for " + name);
    return 0;
  }
}
