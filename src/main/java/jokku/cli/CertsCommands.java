package jokku.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jokku.DokkuException;
import jokku.access.Rule;
import jokku.apps.AppName;
import jokku.certs.Certificates;
import jokku.domains.Domains;
import jokku.proxy.ProxyService;
import jokku.proxy.ProxySettings;
import jokku.store.Store;

/** {@code certs:*}: an app's TLS certificate, served by nginx on its https port maps. */
final class CertsCommands {
  private CertsCommands() {}

  static void register(Registry r) {
    r.command("certs:add", (c, a) -> add(c, a, "certs:add"))
        .command("certs:update", (c, a) -> add(c, a, "certs:update"))
        .command("certs:generate", CertsCommands::generate)
        .command("certs:remove", CertsCommands::remove)
        .command("certs:show", CertsCommands::show)
        .command("certs:report", PluginReport.of("certs", (ctx, scope) -> new Certificates(ctx.store()).report(scope.app())).type("ssl").strippedKeysOnly());
    r.access(Rule.app(), "certs:add", "certs:update", "certs:generate", "certs:remove", "certs:show").access(Rule.listing(), "certs:report");
  }

  static int add(Ctx ctx, List<String> raw, String cmd) {
    Args a = Args.parse(cmd, raw).atMost(3);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    List<String> pair;
    if (!a.arg(1).isEmpty() && !a.arg(2).isEmpty()) {
      ctx.requireHostAccess("certificate files by path", "jokku would read files of the host; pipe a tar of server.crt and server.key instead");
      pair = List.of(read(a.arg(1), "CRT"), read(a.arg(2), "KEY"));
    } else if (ctx.in == System.in && System.console() != null) {
      throw new DokkuException("Tar archive containing server.crt and server.key expected on stdin");
    } else {
      pair = Certificates.fromTar(ctx.in);
    }
    install(ctx, app, pair.get(0), pair.get(1));
    return 0;
  }

  private static String read(String file, String what) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw new DokkuException(what + " file specified not found, please check file paths");
    }
  }

  /** Installs a checked pair, adds https maps as Dokku does, and serves it; nginx refusing puts the previous pair back. */
  private static void install(Ctx ctx, String app, String crt, String key) {
    Certificates certs = new Certificates(ctx.store());
    Certificates.check(crt, key);
    List<String> previous = certs.installed(app);
    try (Store.Lock lock = ctx.store().lock(app)) {
      certs.install(app, crt, key);
      ProxySettings.ports(ctx.store()).addHttpsFor80(app);
    }
    try {
      new ProxyService(ctx.store(), ctx.out).buildIfListening(app);
    } catch (DokkuException e) {
      try (Store.Lock lock = ctx.store().lock(app)) {
        if (previous == null) certs.remove(app);
        else certs.install(app, previous.get(0), previous.get(1));
      }
      throw e;
    }
  }

  static int generate(Ctx ctx, List<String> raw) {
    Args a = Args.parse("certs:generate", raw).atMost(2);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    Certificates certs = new Certificates(ctx.store());
    if (certs.has(app)) {
      ctx.out.info1(app + " has an SSL endpoint already defined");
      return 0;
    }
    if (a.arg(1).isEmpty()) throw new DokkuException("Please specify a domain: certs:generate <app> DOMAIN");
    String domain = Domains.validateAll(List.of(a.arg(1))).get(0);
    Domains d = new Domains(ctx.store());
    if (!d.of(app).contains(domain)) d.checkUnclaimed(app, List.of(domain));
    List<String> pem = Certificates.generate(domain);
    ctx.out.info1("Installing certificate and key...");
    try (Store.Lock lock = ctx.store().lock(app)) {
      if (!d.of(app).contains(domain)) {
        List<String> next = new ArrayList<>(d.of(app));
        next.add(domain);
        d.set(app, next);
        ctx.out.info1("Added " + domain + " to " + app);
      }
    }
    install(ctx, app, pem.get(0), pem.get(1));
    ctx.out.info1("The following is a certificate signing request that can be used");
    ctx.out.info1("to generate an 'officially' signed SSL certificate for " + app + " at " + domain);
    ctx.out.info1("by a CA of your choosing.");
    ctx.out.print(pem.get(2));
    return 0;
  }

  static int remove(Ctx ctx, List<String> raw) {
    Args a = Args.parse("certs:remove", raw).atMost(1);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    Certificates certs = new Certificates(ctx.store());
    if (!Files.isDirectory(certs.path(app))) throw new DokkuException("An app-specific SSL endpoint is not defined");
    ctx.out.info1("Removing SSL endpoint from " + app);
    try (Store.Lock lock = ctx.store().lock(app)) {
      certs.remove(app);
      ProxySettings.ports(ctx.store()).removeHttps443(app);
    }
    new ProxyService(ctx.store(), ctx.out).buildIfListening(app);
    return 0;
  }

  static int show(Ctx ctx, List<String> raw) {
    Args a = Args.parse("certs:show", raw).atMost(2);
    String app = a.arg(0);
    AppName.verify(ctx.store(), app);
    if (!a.arg(1).equals("crt") && !a.arg(1).equals("key")) throw new DokkuException("Specify crt or key: certs:show <app> <crt|key>");
    Certificates certs = new Certificates(ctx.store());
    if (!certs.has(app)) throw new DokkuException("An app-specific SSL endpoint is not defined");
    ctx.out.print(certs.installed(app).get(a.arg(1).equals("crt") ? 0 : 1));
    return 0;
  }
}
