import java.util.concurrent.TimeUnit

def log = new File(basedir, 'build.log').text

assert log.contains('xamal: running the package phase first') : 'a bare xamal:build did not package first'
['greeting-lib', 'app'].each { module ->
    def jars = log.count("maven-jar-plugin:3.4.2:jar (default-jar) @ ${module} ---")
    assert jars == 1 : "${module} was packaged ${jars} times"
    def compiles = log.count("maven-compiler-plugin:3.14.0:compile (default-compile) @ ${module} ---")
    assert compiles == 1 : "${module} was compiled ${compiles} times"
}
assert log.contains('[pre-build] pre-build service=reactor-demo version=reactor-1 command=build hosts=192.0.2.10')
assert log.contains('[post-build] post-build service=reactor-demo version=reactor-1')
assert log.indexOf('[pre-build]') < log.indexOf('Building release reactor-demo-reactor-1')
assert log.indexOf('Building release reactor-demo-reactor-1') < log.indexOf('[post-build]')

// build-details describes the same release
assert log.contains('Entry point:  demo.app.Main')
assert log =~ /Modules: +java\.base,java\.sql/
assert log.contains('Jar:          lib/greeting-lib-1.0.jar')

def tarball = new File(basedir, 'target/xamal/reactor-demo-reactor-1.tar.gz')
assert tarball.isFile() : "no ${tarball}"
['runtime', 'dependencies', 'application'].each {
    assert new File(basedir, "target/xamal/layers/reactor-demo-reactor-1-${it}.tar.gz").isFile()
}

def extracted = new File(basedir, 'target/extracted')
extracted.mkdirs()
def run = { List<String> cmd ->
    def p = new ProcessBuilder(cmd).directory(extracted).redirectErrorStream(true).start()
    def out = p.inputStream.text
    assert p.waitFor(60, TimeUnit.SECONDS)
    [p.exitValue(), out]
}
def (tarStatus, tarOut) = run(['tar', '-xzf', tarball.absolutePath, '-C', extracted.absolutePath])
assert tarStatus == 0 : tarOut
assert new File(extracted, 'lib/app-1.0.jar').isFile()
assert new File(extracted, 'lib/greeting-lib-1.0.jar').isFile()
def (status, out) = run([new File(extracted, 'bin/reactor-demo').absolutePath, 'start', 'one'])
assert status == 0 : out
assert out == 'reactor sql=Types version=reactor-1 args=one\n' : out
assert new File(extracted, 'RELEASE').text.contains('modules=java.base,java.sql')
return true
