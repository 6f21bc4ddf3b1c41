def log = new File(basedir, 'build.log').text
def config = new File(basedir, 'config/xamal.yml')
assert config.isFile() : 'init did not write config/xamal.yml'
assert config.text.contains('service: shop-api') : 'config/xamal.yml does not name the artifactId as service'
assert new File(basedir, '.xamal/secrets').isFile()
['pre-connect', 'pre-build', 'post-build', 'pre-deploy', 'post-deploy', 'pre-app-boot', 'post-app-boot',
 'pre-caddy-reload', 'post-caddy-reload'].each { hook ->
    def sample = new File(basedir, ".xamal/hooks/${hook}.sample")
    assert sample.isFile() : "missing hook sample ${hook}"
    assert sample.canExecute() : "hook sample ${hook} is not executable"
}
def gitignore = new File(basedir, '.gitignore').text
assert gitignore == 'target/\n.xamal/secrets*\n' : "unexpected .gitignore: ${gitignore}"
// First run creates, second run keeps, and says so.
assert log.contains('Created config/xamal.yml')
assert log.contains('Added .xamal/secrets* to .gitignore')
assert log.contains('Kept config/xamal.yml: it already exists (remove it to get a fresh one)')
assert log.contains('Kept .xamal/secrets: it already exists')
assert log.contains('Kept .gitignore: it already ignores .xamal/secrets*')
