package jokku.git;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jokku.DokkuException;
import jokku.deploy.BuildSource;
import jokku.property.Property;
import jokku.property.PropertyValues;
import jokku.property.Scope;
import jokku.store.Store;

/**
 * The git plugin's properties ({@code config/git/<app|--global>/<key>}): the deploy branch (app, else global, else
 * {@code master}) and the config variable that receives the pushed revision ({@code rev-env-var}, default
 * {@code GIT_REV}).
 */
public final class GitSettings {
  public static final String PLUGIN = BuildSource.PLUGIN;
  static final String DEPLOY_BRANCH = "deploy-branch";
  static final String REV_ENV_VAR = "rev-env-var";
  static final String KEEP_GIT_DIR = "keep-git-dir";
  static final String DEFAULT_BRANCH = "master";
  public static final List<String> KEYS = List.of(DEPLOY_BRANCH, KEEP_GIT_DIR, REV_ENV_VAR);
  static final Property BRANCH = Property.of(PLUGIN, DEPLOY_BRANCH).defaultValue(DEFAULT_BRANCH);
  static final Property REV_VAR = Property.of(PLUGIN, REV_ENV_VAR).appOnly().defaultValue("GIT_REV");

  private final Store store;
  private final PropertyValues values;

  public GitSettings(Store store) {
    this.store = store;
    this.values = new PropertyValues(store);
  }

  /** Checks a {@code git:set} before anything is written. */
  public static void validate(Scope scope, String key, String value) {
    if (!KEYS.contains(key)) throw new DokkuException("Invalid property specified, valid properties include: " + String.join(", ", KEYS));
    if (key.equals(KEEP_GIT_DIR) && value.equals("true")) {
      throw new DokkuException("keep-git-dir is not supported: jokku builds the pushed tree without its .git folder");
    }
    if (key.equals(KEEP_GIT_DIR) && !value.isEmpty() && !value.equals("false")) throw new DokkuException("keep-git-dir must be true or false");
    if (scope.isGlobal() && !key.equals(DEPLOY_BRANCH)) throw new DokkuException("Property " + key + " cannot be set globally");
    if (key.equals(DEPLOY_BRANCH) && !value.isEmpty() && !GitRepo.validBranch(value)) {
      throw new DokkuException("Invalid branch name '" + value + "' (see git-check-ref-format)");
    }
    if (key.equals(REV_ENV_VAR) && !value.isEmpty() && !value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new DokkuException("Invalid env key '" + value + "': names must match [A-Za-z_][A-Za-z0-9_]*");
    }
  }

  /** Writes the value ("" unsets); the caller holds the scope's lock. */
  public void set(Scope scope, String key, String value) {
    store.setProperty(PLUGIN, scope.folder(), key, key.equals(KEEP_GIT_DIR) ? "" : value);
  }

  /** The scope's lock, held around {@link #set}. */
  public Store.Lock lock(Scope scope) {
    return values.lock(scope);
  }

  /** The app's deploy branch, else the global one, else {@code master}. */
  public String deployBranch(String app) {
    return values.computed(BRANCH, app);
  }

  /** The app's own deploy branch ("" when unset). */
  String ownDeployBranch(String app) {
    return values.app(BRANCH, app);
  }

  /** Whether neither the app nor the global scope names a deploy branch (the first pushed branch then becomes it). */
  boolean deployBranchUnset(String app) {
    return values.chosen(BRANCH, Scope.app(app)).isEmpty();
  }

  String globalDeployBranch() {
    return values.computed(BRANCH, Scope.GLOBAL);
  }

  /** The config variable set to the deployed revision. */
  public String revEnvVar(String app) {
    return values.computed(REV_VAR, app);
  }

  /**
   * {@code git:report}'s flags, in Dokku's order. Written out rather than derived from the declarations: Dokku's git
   * report shows the computed deploy branch as {@code --git-deploy-branch} and has no computed rows.
   */
  public Map<String, String> report(Scope scope) {
    Map<String, String> f = new LinkedHashMap<>();
    if (scope.isGlobal()) {
      f.put("--git-global-deploy-branch", globalDeployBranch());
      return f;
    }
    String app = scope.app();
    GitRepo repo = GitRepo.of(store, app);
    String branch = deployBranch(app);
    f.put("--git-deploy-branch", branch);
    f.put("--git-global-deploy-branch", globalDeployBranch());
    f.put("--git-keep-git-dir", "false");
    f.put("--git-rev-env-var", revEnvVar(app));
    f.put("--git-sha", repo.shortSha(branch));
    f.put("--git-last-updated-at", repo.lastUpdatedAt(branch));
    return f;
  }
}
