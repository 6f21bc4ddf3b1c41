// Runs `mvn -q xamal:secrets-fetch` the way a secrets file would, with a stand-in for LastPass's
// lpass on PATH (it accepts only `lpass status --color=never` and `lpass show --json NAMES`, as
// lpass(1) documents them, and exits 2 on anything else), and pipes the JSON into secrets-extract.
// No config/xamal.yml exists here: secrets-fetch must not read one.
def repoUrl = localRepositoryPath.toURI().toString()
def settings = new File(basedir, 'fetch-settings.xml')
settings.text = """<settings><profiles><profile><id>it</id>
<activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>local.central</id><url>${repoUrl}</url></repository></repositories>
<pluginRepositories><pluginRepository><id>local.central</id><url>${repoUrl}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def bin = new File(basedir, 'bin')
bin.mkdirs()
def lpass = new File(bin, 'lpass')
lpass.text = '''#!/bin/sh
case "$*" in
  "status --color=never") echo "Logged in as dev@example.com." ;;
  "show --json app/db app/api")
    printf '%s\\n' '[{"id":"1","name":"db","fullname":"app/db","username":"u","password":"db \\"pw\\" ü","group":"app","url":"","note":""},{"id":"2","name":"api","fullname":"app/api","username":"","password":"api-tok","group":"app","url":"","note":""}]' ;;
  *) echo "lpass: unknown command or flag: $*" >&2; exit 2 ;;
esac
'''
lpass.setExecutable(true)

def run = { List<String> goalArgs, String stdin, String path ->
    def command = [mvn, '-q', '-o', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}".toString()] + goalArgs
    def builder = new ProcessBuilder(command).directory(basedir)
    builder.environment().put('MAVEN_SKIP_RC', '1')
    builder.environment().remove('MAVEN_OPTS')
    builder.environment().put('PATH', path)
    def process = builder.start()
    def err = new ByteArrayOutputStream()
    def errReader = Thread.start { err << process.errorStream }
    process.outputStream.withStream { if (stdin != null) it.write(stdin.getBytes('UTF-8')) }
    def out = process.inputStream.bytes
    process.waitFor()
    errReader.join()
    [status: process.exitValue(), out: new String(out, 'UTF-8'), err: err.toString('UTF-8')]
}
def withStandIn = bin.path + ':' + System.getenv('PATH')

def fetched = run(['xamal:secrets-fetch', '-Dxamal.adapter=lastpass', '-Dxamal.account=dev@example.com',
                   '-Dxamal.from=app', '-Dxamal.keys=db,api'], null, withStandIn)
assert fetched.status == 0 : "fetch failed: ${fetched.out} ${fetched.err}"
assert fetched.out == '{"app/db":"db \\"pw\\" ü","app/api":"api-tok"}\n' : "stdout was not only the JSON map: ${fetched.out}"

def picked = run(['xamal:secrets-extract', '-Dxamal.json=-', '-Dxamal.key=db'], fetched.out, withStandIn)
assert picked.status == 0 : "extract failed: ${picked.out} ${picked.err}"
assert picked.out == 'db "pw" ü'

def test = run(['xamal:secrets-fetch', '-Dxamal.adapter=test', '-Dxamal.keys=a, bc'], null, withStandIn)
assert test.out == '{"a":"a","bc":"cb"}\n'

def missing = run(['xamal:secrets-fetch', '-Dxamal.adapter=lastpass', '-Dxamal.keys=db'], null, '/usr/bin:/bin')
assert missing.status != 0
assert missing.out.contains('The lastpass adapter runs `lpass`, which is not on PATH') : missing.out
assert missing.out.contains('lpass login EMAIL')

def unknown = run(['xamal:secrets-fetch', '-Dxamal.adapter=keepass', '-Dxamal.keys=db'], null, withStandIn)
assert unknown.status != 0
assert unknown.out.contains("Unknown secrets adapter 'keepass'")
true
