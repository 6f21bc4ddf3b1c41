// Hooks must be executable, which a copied project does not keep: write them here. Each records
// its XAMAL_* variables in hooks.log; pre-deploy also lists the app's env files on h1 (the new
// slot's must be there already), fails for version fail-hook and, for version nested-outer, runs
// a nested lock-taking goal from outside the lock (XAMAL_LOCK removed: refused) and from inside it
// (succeeds).
def hooks = new File(basedir, '.xamal/hooks')
hooks.mkdirs()
// One write per hook: the caddy-reload hooks of two hosts run at the same time.
def record = '''block=$(echo "== $(basename "$0")"; env | grep '^XAMAL_' | grep -v -e '^XAMAL_IT_' -e '^XAMAL_REAL_HOSTS' | sort)
printf '%s\\n' "$block" >> hooks.log
'''
['pre-connect', 'post-deploy', 'pre-caddy-reload', 'post-caddy-reload'].each { name ->
    def hook = new File(hooks, name)
    hook.text = "#!/bin/sh\n" + record
    hook.setExecutable(true)
}
def preDeploy = new File(hooks, 'pre-deploy')
preDeploy.text = '#!/bin/sh\n' + record + '''
echo "== env files at pre-deploy of $XAMAL_VERSION:" $(ssh -i "$XAMAL_IT_KEY" -o UserKnownHostsFile="$XAMAL_IT_KNOWN_HOSTS" \\
    -o BatchMode=yes -p "$XAMAL_IT_H1_SSH_PORT" "$XAMAL_IT_USER@localhost" ls /opt/xamal/itlock.staging/env) >> hooks.log
if [ "$XAMAL_VERSION" = fail-hook ]; then
    echo "refusing to deploy $XAMAL_VERSION"
    exit 3
fi
if [ "$XAMAL_VERSION" = nested-outer ]; then
    env -u XAMAL_LOCK $IT_MVN xamal:redeploy -Dxamal.destination=staging -Dxamal.version=nested-inner > nested-outside.log 2>&1
    echo "nested outside exit $?" >> hooks.log
    $IT_MVN xamal:redeploy -Dxamal.destination=staging -Dxamal.version=nested-inner > nested-inside.log 2>&1
    echo "nested inside exit $?" >> hooks.log
fi
'''
preDeploy.setExecutable(true)
return true
