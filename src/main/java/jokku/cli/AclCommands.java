package jokku.cli;

import java.util.List;
import jokku.DokkuException;
import jokku.access.Acl;
import jokku.access.Rule;
import jokku.apps.AppName;

/** {@code acl:add|remove|list}: the dokku-acl plugin's commands, on the same {@code $DOKKU_ROOT/<app>/acl/} files. */
final class AclCommands {
  private AclCommands() {}

  static void register(Registry r) {
    r.command("acl:add", AclCommands::add).command("acl:remove", AclCommands::remove).command("acl:list", AclCommands::list);
    r.access(Rule.listing(), "acl:list");
  }

  static int add(Ctx ctx, List<String> raw) {
    Args a = Args.parse("acl:add", raw).atMost(2);
    new Acl(ctx.store()).add(a.arg(0), a.arg(1));
    return 0;
  }

  static int remove(Ctx ctx, List<String> raw) {
    Args a = Args.parse("acl:remove", raw).atMost(2);
    new Acl(ctx.store()).remove(a.arg(0), a.arg(1));
    return 0;
  }

  static int list(Ctx ctx, List<String> raw) {
    Args a = Args.parse("acl:list", raw).atMost(1);
    Acl acl = new Acl(ctx.store());
    if (a.size() == 1) {
      AppName.verify(ctx.store(), a.arg(0));
      for (String n : acl.names(a.arg(0))) ctx.out.println(n);
      return 0;
    }
    for (String app : ctx.visibleApps()) {
      ctx.out.info2Quiet(app + " acl list");
      for (String n : acl.names(app)) ctx.out.println(n);
    }
    return 0;
  }
}
