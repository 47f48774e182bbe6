package jokku.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import jokku.Jokku;
import jokku.SshServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code ssh-keys:*} on a test DOKKU_ROOT, with the real ssh-keygen: Dokku's file format, validation and messages. */
@Tag("unit")
class SshKeysCommandsTest {
  final Jokku j = new Jokku();
  final Path keys = Jokku.tempDir("jokku-keys-");

  String newKey(String name) {
    Path k = keys.resolve(name);
    SshServer.exec(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@test", "-f", k.toString()), "", Map.of(), 30);
    return SshServer.publicKey(k);
  }

  String fingerprint(String pub) {
    return SshServer.exec(List.of("ssh-keygen", "-lf", "-"), pub, Map.of(), 30).out().split(" ")[1];
  }

  Path authorizedKeys() {
    return j.root.resolve(".ssh/authorized_keys");
  }

  @Test
  void addListRemoveInDokkusFormat() throws Exception {
    Jokku.Result refused = j.runWithInput(newKey("x"), "ssh-keys:add", "alice");
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(refused.err().contains(".sshcommand is missing or empty"), refused.toString());
    assertTrue(!Files.exists(authorizedKeys()));

    Files.writeString(j.root.resolve(".sshcommand"), "/usr/bin/jokku\n");
    String alice = newKey("alice"), bob = newKey("bob");
    Jokku.Result added = j.runWithInput(alice + "\n", "ssh-keys:add", "alice");
    assertEquals(0, added.code(), added.toString());
    assertEquals(fingerprint(alice) + "\n", added.out());
    Path bobFile = keys.resolve("bob.pub");
    j.ok("ssh-keys:add", "bob", bobFile.toString());

    String sshcommand = j.root.resolve(".sshcommand").toString();
    assertEquals("command=\"FINGERPRINT=" + fingerprint(alice) + " NAME=\\\"alice\\\" `cat " + sshcommand + "` $SSH_ORIGINAL_COMMAND\","
        + "no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding " + alice + "\n"
        + "command=\"FINGERPRINT=" + fingerprint(bob) + " NAME=\\\"bob\\\" `cat " + sshcommand + "` $SSH_ORIGINAL_COMMAND\","
        + "no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding " + bob + "\n", Files.readString(authorizedKeys()));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(authorizedKeys())));

    String options = "SSHCOMMAND_ALLOWED_KEYS=\"no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding\"";
    assertEquals(fingerprint(alice) + " NAME=\"alice\" " + options + "\n" + fingerprint(bob) + " NAME=\"bob\" " + options + "\n", j.ok("ssh-keys:list").out());
    assertEquals(fingerprint(bob) + " NAME=\"bob\" " + options + "\n", j.ok("ssh-keys:list", "bob").out());
    assertEquals("[{ \"fingerprint\": \"" + fingerprint(bob) + "\", \"name\": \"bob\", \"SSHCOMMAND_ALLOWED_KEYS\": "
        + "\"no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding\", \"public-key\": \"" + bob + "\" }]\n",
        j.ok("ssh-keys:list", "--format", "json", "bob").out());

    j.ok("ssh-keys:remove", "alice");
    j.ok("ssh-keys:remove", "--fingerprint", fingerprint(bob));
    assertEquals("", Files.readString(authorizedKeys()));
    Jokku.Result empty = j.run("ssh-keys:list");
    assertEquals(1, empty.code());
    assertEquals(" !     authorized_keys is empty for dokku\n", empty.err());
  }

  @Test
  void badKeysAreRefusedAndNothingChanges() throws Exception {
    Files.writeString(j.root.resolve(".sshcommand"), "/usr/bin/jokku\n");
    String alice = newKey("alice");
    j.ok("ssh-keys:add", "alice", keys.resolve("alice.pub").toString());
    String before = Files.readString(authorizedKeys());
    String other = newKey("other");
    assertRefused("Empty key was specified", "", "carol");
    assertRefused("Too many keys provided, set one per invocation of dokku ssh-keys:add <NAME> <KEY_FILE>", other + "\n" + newKey("two"), "carol");
    assertRefused("Key specified in is not a valid ssh public key", "ssh-ed25519 AAAAnotakey", "carol");
    assertRefused("Duplicate ssh key name", other, "alice");
    assertRefused("Invalid ssh public key", "no-pty " + other, "carol");
    assertRefused("Duplicate ssh public key specified", alice, "carol");
    assertRefused("Invalid key name a\"b: use letters, digits and . _ @ + - (at most 64 characters, starting with a letter or digit)", other, "a\"b");
    assertRefused("No ssh key named nobody", "", null);
    assertEquals(before, Files.readString(authorizedKeys()));
  }

  void assertRefused(String message, String key, String name) {
    Jokku.Result r = name == null ? j.run("ssh-keys:remove", "nobody") : j.runWithInput(key, "ssh-keys:add", name);
    assertEquals(" !     " + message + "\n", r.err(), r.toString());
    assertEquals(1, r.code());
  }

  @Test
  void aHandEditedBrokenLineIsReportedAndTheOthersStay() throws Exception {
    Files.writeString(j.root.resolve(".sshcommand"), "/usr/bin/jokku\n");
    j.runWithInput(newKey("alice"), "ssh-keys:add", "alice");
    Files.writeString(authorizedKeys(), Files.readString(authorizedKeys()) + "ssh-rsa AAAAB3Nza broken by hand\n");
    j.runWithInput(newKey("bob"), "ssh-keys:add", "bob");
    Jokku.Result r = j.run("ssh-keys:list");
    assertEquals(1, r.code());
    assertEquals(" !     " + authorizedKeys() + " line 2 failed ssh-keygen check.\n", r.err());
    assertEquals(2, r.out().lines().count(), r.toString());
    assertTrue(r.out().contains("NAME=\"alice\"") && r.out().contains("NAME=\"bob\""));
    j.env.put("SSHCOMMAND_IGNORE_LIST_WARNINGS", "true");
    assertEquals(0, j.run("ssh-keys:list").code());
    j.ok("ssh-keys:remove", "bob");
    assertEquals(2, Files.readString(authorizedKeys()).lines().count(), "the hand-made line is the user's to fix: it stays");
  }

  @Test
  void rootKeepsTheFilesTheDokkuUsers() throws Exception {
    Files.writeString(j.root.resolve(".sshcommand"), "/usr/bin/jokku\n");
    Files.createDirectories(j.root.resolve(".ssh"));
    Files.writeString(authorizedKeys(), "");
    java.nio.file.attribute.UserPrincipal nobody = j.root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(j.root.resolve(".ssh"), nobody);
    Files.setOwner(authorizedKeys(), nobody);
    j.ok("ssh-keys:add", "alice", writeKey("alice"));
    assertEquals(nobody, Files.getOwner(authorizedKeys()), "rewritten by root, still the dokku user's");
    assertEquals(nobody, Files.getOwner(j.root.resolve(".ssh/.authorized_keys.lock")), "a lock the dokku user can take too");
  }

  String writeKey(String name) {
    newKey(name);
    return keys.resolve(name + ".pub").toString();
  }

  @Test
  void adminMarkAndReport() throws Exception {
    Files.writeString(j.root.resolve(".sshcommand"), "/usr/bin/jokku\n");
    String alice = newKey("alice");
    j.runWithInput(alice, "ssh-keys:add", "alice");
    j.ok("apps:create", j.name("app"));
    j.ok("acl:add", j.name("app"), "alice");
    assertEquals("false\n", j.ok("ssh-keys:report", "alice", "--ssh-keys-admin").out());
    assertEquals(j.name("app") + "\n", j.ok("ssh-keys:report", "alice", "--ssh-keys-acl-apps").out());
    assertEquals("=====> Setting admin to true for alice\n", j.ok("ssh-keys:set", "alice", "admin", "true").out());
    assertEquals("true\n", j.ok("ssh-keys:report", "alice", "--ssh-keys-admin").out());
    assertEquals(" !     No ssh key named bob\n", j.run("ssh-keys:set", "bob", "admin", "true").err());
    j.ok("ssh-keys:remove", "alice");
    j.runWithInput(alice, "ssh-keys:add", "alice");
    assertEquals("false\n", j.ok("ssh-keys:report", "alice", "--ssh-keys-admin").out(), "a removed key's admin mark goes with it");
  }
}
