// Runs `mvn -q xamal:secrets-extract` the way a script would and compares its stdout byte for byte.
def repoUrl = localRepositoryPath.toURI().toString()
def settings = new File(basedir, 'extract-settings.xml')
settings.text = """<settings><profiles><profile><id>it</id>
<activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>local.central</id><url>${repoUrl}</url></repository></repositories>
<pluginRepositories><pluginRepository><id>local.central</id><url>${repoUrl}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path

def extract = { List<String> args, String stdin ->
    def command = [mvn, '-q', '-o', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}".toString(),
                   'xamal:secrets-extract'] + args
    def builder = new ProcessBuilder(command).directory(basedir)
    builder.environment().put('MAVEN_SKIP_RC', '1')
    builder.environment().remove('MAVEN_OPTS')
    def process = builder.start()
    def err = new ByteArrayOutputStream()
    def errReader = Thread.start { err << process.errorStream }
    process.outputStream.withStream { if (stdin != null) it.write(stdin.getBytes('UTF-8')) }
    def out = process.inputStream.bytes
    process.waitFor()
    errReader.join()
    [status: process.exitValue(), out: out, err: err.toString('UTF-8')]
}

def plain = extract(['-Dxamal.key=DB_PASSWORD'], null)
assert plain.status == 0 : "extract failed: ${new String(plain.out, 'UTF-8')} ${plain.err}"
def expected = 'line one "q" ünïcødé $ #\nline two'.getBytes('UTF-8')
assert plain.out == expected : "stdout was not exactly the value: ${plain.out}"

def fromStdin = extract(['-Dxamal.key=API_TOKEN', '-Dxamal.json=-', '-Dxamal.destination=broken'],
        new File(basedir, 'fetched.json').getText('UTF-8'))
assert fromStdin.status == 0 : "extract from stdin failed: ${new String(fromStdin.out, 'UTF-8')} ${fromStdin.err}"
assert fromStdin.out == 'tok-from-json "1" ü'.getBytes('UTF-8')

def fromFile = extract(['-Dxamal.key=API_TOKEN', '-Dxamal.json=fetched.json', '-Dxamal.destination=broken'], null)
assert fromFile.status == 0 : "extract from a file failed: ${new String(fromFile.out, 'UTF-8')} ${fromFile.err}"
assert fromFile.out == 'tok-from-json "1" ü'.getBytes('UTF-8')

def missing = extract(['-Dxamal.key=NOPE'], null)
assert missing.status != 0
def missingText = new String(missing.out, 'UTF-8')
assert missingText.contains("Secret 'NOPE' (needed by -Dxamal.key) is not defined: searched .xamal/secrets")
assert !missingText.contains('line one') : 'a failed extract printed another secret'
