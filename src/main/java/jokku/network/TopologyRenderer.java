package jokku.network;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link Topology} as text: Graphviz {@code dot} (which {@code network:graph} also renders to SVG/PNG) and a Mermaid
 * flowchart (it pastes into a GitHub README). Apps are boxes grouping their process types; networks are ellipses
 * (dashed when they do not exist); an undirected edge joins a process type to each network it is on, labelled with
 * its aliases there (bold on the initial network): processes on one network reach each other by those names. nginx
 * points at the web processes it serves, labelled with domains and ports. Drift is red and dashed.
 */
public final class TopologyRenderer {
  private static final String DRIFT = "#d1242f";

  private TopologyRenderer() {}

  public static String dot(Topology t) {
    StringBuilder b = new StringBuilder("digraph jokku {\n");
    b.append("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.4, ranksep=1.1, label=\"jokku network:graph\", labelloc=t];\n");
    b.append("  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=10, dir=none];\n");
    boolean nginx = t.apps().stream().anyMatch(a -> a.proxy() != null);
    if (nginx) b.append("  \"nginx\" [shape=box, style=\"rounded,filled\", fillcolor=\"#e6f4ea\", label=\"nginx\"];\n");
    for (Topology.NetNode n : t.networks()) {
      List<String> lines = new ArrayList<>();
      lines.add("network " + n.name());
      if (!n.exists()) lines.add("does not exist");
      else lines.add(String.join(" ", List.of(n.driver(), n.subnet()).stream().filter(s -> !s.isEmpty()).toList()) + (n.internal() ? " internal" : ""));
      String style = n.exists() ? "style=filled, fillcolor=\"#eef4ff\", color=\"#1f6feb\"" : "style=dashed, color=\"" + DRIFT + "\", fontcolor=\"" + DRIFT + "\"";
      b.append("  ").append(q("net:" + n.name())).append(" [shape=ellipse, ").append(style).append(", label=").append(q(String.join("\n", lines))).append("];\n");
      for (String c : n.unmanaged()) {
        b.append("  ").append(q("ext:" + n.name() + ":" + c)).append(" [shape=box, style=dashed, color=gray40, label=").append(q(c + "\n(not managed by jokku)")).append("];\n");
        b.append("  ").append(q("ext:" + n.name() + ":" + c)).append(" -> ").append(q("net:" + n.name())).append(" [color=gray40];\n");
      }
    }
    for (Topology.AppNode a : t.apps()) {
      b.append("  subgraph ").append(q("cluster_" + a.name())).append(" {\n");
      List<String> label = new ArrayList<>();
      label.add("app " + a.name());
      for (Finding f : a.drift()) label.add("drift: " + (f.dyno().isEmpty() ? "" : f.dyno() + " ") + f.kind().label + " " + f.subject());
      b.append("    label=").append(q(String.join("\n", label))).append("; style=rounded; color=").append(a.drift().isEmpty() ? "\"#57606a\"" : q(DRIFT) + "; fontcolor=" + q(DRIFT)).append(";\n");
      if (a.procs().isEmpty()) b.append("    ").append(q(a.name() + "/none")).append(" [shape=plaintext, label=\"no running containers\"];\n");
      for (Topology.ProcNode p : a.procs()) {
        b.append("    ").append(q(a.name() + "/" + p.name())).append(" [shape=box, style=\"rounded,filled\", fillcolor=\"#fff8e1\", label=")
            .append(q(p.name() + " x" + p.instances())).append("];\n");
      }
      if (!a.staticListener().isEmpty()) {
        b.append("    ").append(q(a.name() + "/static")).append(" [shape=note, label=").append(q("static web listener\n" + a.staticListener())).append("];\n");
      }
      b.append("  }\n");
      for (Topology.ProcNode p : a.procs()) {
        for (Topology.Link l : p.links()) {
          List<String> attrs = new ArrayList<>();
          List<String> text = new ArrayList<>(l.aliases());
          if (!l.drift().isEmpty()) {
            text.add(l.drift());
            attrs.add("color=" + q(DRIFT));
            attrs.add("fontcolor=" + q(DRIFT));
            attrs.add("style=dashed");
          } else if (l.initial()) {
            attrs.add("style=bold");
          }
          if (l.initial()) text.add("(initial)");
          attrs.add(0, "label=" + q(String.join("\n", text)));
          b.append("  ").append(q(a.name() + "/" + p.name())).append(" -> ").append(q("net:" + l.network())).append(" [").append(String.join(", ", attrs)).append("];\n");
        }
      }
      if (a.proxy() != null) {
        String target = a.staticListener().isEmpty() ? a.name() + "/web" : a.name() + "/static";
        if (a.staticListener().isEmpty() && a.procs().stream().noneMatch(p -> p.name().equals("web"))) target = a.name() + "/none";
        List<String> text = new ArrayList<>(a.proxy().domains());
        text.addAll(a.proxy().ports());
        b.append("  \"nginx\" -> ").append(q(target)).append(" [dir=forward, color=\"#1a7f37\", label=").append(q(String.join("\n", text))).append("];\n");
      }
    }
    return b.append("}\n").toString();
  }

  public static String mermaid(Topology t) {
    StringBuilder b = new StringBuilder("flowchart LR\n");
    List<Integer> red = new ArrayList<>();
    int[] edge = {0};
    if (t.apps().stream().anyMatch(a -> a.proxy() != null)) b.append("  nginx[\"nginx\"]\n");
    for (Topology.NetNode n : t.networks()) {
      String info = n.exists() ? String.join(" ", List.of(n.driver(), n.subnet()).stream().filter(s -> !s.isEmpty()).toList()) + (n.internal() ? " internal" : "") : "does not exist";
      b.append("  ").append(id("net", n.name())).append("([\"network ").append(m(n.name())).append("<br/>").append(m(info)).append("\"])\n");
      for (String c : n.unmanaged()) {
        b.append("  ").append(id("ext", n.name() + "_" + c)).append("[\"").append(m(c)).append("<br/>(not managed by jokku)\"] --- ").append(id("net", n.name())).append('\n');
        edge[0]++;
      }
    }
    for (Topology.AppNode a : t.apps()) {
      b.append("  subgraph ").append(id("app", a.name())).append("[\"app ").append(m(a.name())).append("\"]\n");
      if (a.procs().isEmpty()) b.append("    ").append(id("proc", a.name() + "_none")).append("[\"no running containers\"]\n");
      for (Topology.ProcNode p : a.procs()) b.append("    ").append(id("proc", a.name() + "_" + p.name())).append("[\"").append(m(p.name())).append(" x").append(p.instances()).append("\"]\n");
      if (!a.staticListener().isEmpty()) b.append("    ").append(id("proc", a.name() + "_static")).append("[\"static web listener<br/>").append(m(a.staticListener())).append("\"]\n");
      for (Finding f : a.drift()) {
        b.append("    ").append(id("drift", a.name() + "_" + f.kind().label + "_" + f.subject())).append("[\"drift: ").append(m((f.dyno().isEmpty() ? "" : f.dyno() + " ") + f.kind().label + " " + f.subject())).append("\"]\n");
      }
      b.append("  end\n");
      for (Topology.ProcNode p : a.procs()) {
        for (Topology.Link l : p.links()) {
          List<String> text = new ArrayList<>(l.aliases());
          if (!l.drift().isEmpty()) text.add(l.drift());
          if (l.initial()) text.add("(initial)");
          String arrow = l.drift().isEmpty() ? (l.initial() ? " ===" : " ---") : " -.-";
          b.append("  ").append(id("proc", a.name() + "_" + p.name())).append(arrow);
          if (!text.isEmpty()) b.append("|\"").append(m(String.join("<br/>", text))).append("\"|");
          b.append(' ').append(id("net", l.network())).append('\n');
          if (!l.drift().isEmpty()) red.add(edge[0]);
          edge[0]++;
        }
      }
      if (a.proxy() != null) {
        String target = !a.staticListener().isEmpty() ? "_static" : a.procs().stream().anyMatch(p -> p.name().equals("web")) ? "_web" : "_none";
        List<String> text = new ArrayList<>(a.proxy().domains());
        text.addAll(a.proxy().ports());
        b.append("  nginx -->|\"").append(m(String.join("<br/>", text))).append("\"| ").append(id("proc", a.name() + target)).append('\n');
        edge[0]++;
      }
    }
    for (int i : red) b.append("  linkStyle ").append(i).append(" stroke:").append(DRIFT).append(",stroke-dasharray:5 5,color:").append(DRIFT).append('\n');
    for (Topology.AppNode a : t.apps()) for (Finding f : a.drift()) b.append("  style ").append(id("drift", a.name() + "_" + f.kind().label + "_" + f.subject())).append(" stroke:").append(DRIFT).append(",color:").append(DRIFT).append(",stroke-dasharray:5 5\n");
    return b.toString();
  }

  /** A double-quoted dot ID or label (newlines as {@code \n}). */
  static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** A Mermaid node id: letters, digits and underscores only. */
  private static String id(String kind, String name) {
    return kind + "_" + name.replaceAll("[^A-Za-z0-9]", "_");
  }

  /** Mermaid label text: quotes and angle brackets as entities. */
  private static String m(String s) {
    return s.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;").replace("#lt;br/#gt;", "<br/>");
  }
}
