// The hooks must be executable in the cloned project, and the hook log starts empty.
['pre-app-boot', 'post-app-boot'].each { new File(basedir, ".xamal/hooks/$it").setExecutable(true) }
new File(basedir, 'app-boot-hooks.log').delete()
true
