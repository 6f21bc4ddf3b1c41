import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermission
import java.util.concurrent.TimeUnit

def run = { File dir, List<String> cmd ->
    def p = new ProcessBuilder(cmd.collect { it.toString() }).directory(dir).redirectErrorStream(true).start()
    def out = p.inputStream.text
    assert p.waitFor(20, TimeUnit.MINUTES)
    assert p.exitValue() == 0 : "${cmd} failed:\n${out}"
    out
}

def label = run(basedir, ['git', 'rev-parse', 'HEAD']).trim().substring(0, 12)
def first = new File(basedir, "target/xamal/repro-${label}.sha256")
assert first.isFile() : "the first build left no ${first}"

// A second clone at another path, built later, under umask 077, with every file touched to another time.
def second = new File(basedir.parentFile, 'build-reproducible-second-clone')
second.deleteDir()
run(basedir.parentFile, ['git', 'clone', '-q', basedir.absolutePath, second.absolutePath])
run(second, ['sh', '-c', 'find . -path ./.git -prune -o -exec touch -d 2031-05-05T05:05:05 {} +'])
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
def out = run(second, ['sh', '-c', 'umask 077 && exec "$0" "$@"', mvn, '-B', '-o', '-llr', '-ntp',
        "-Dmaven.repo.local=${localRepositoryPath}", 'package', 'xamal:build'])
new File(basedir, 'second-build.log').text = out

def secondSums = new File(second, "target/xamal/repro-${label}.sha256")
assert secondSums.isFile() : "the second build left no ${secondSums}:\n${out}"
def staged = new File(second, "target/xamal/repro-${label}/lib/app-1.0.jar").toPath()
def perms = Files.getPosixFilePermissions(staged)
assert !perms.contains(PosixFilePermission.GROUP_READ) && !perms.contains(PosixFilePermission.OTHERS_READ) :
        "the second build did not run under umask 077: ${perms}"

def lines = first.readLines()
assert lines.size() == 4 : "expected three layers and the tarball: ${lines}"
assert secondSums.readLines() == lines : "digests differ:\nfirst:\n${first.text}\nsecond:\n${secondSums.text}"
// The digests are those of the files themselves.
lines.each { line ->
    def (sum, name) = line.split('  ')
    [basedir, second].each { root ->
        def file = new File(root, "target/xamal/${name}")
        def digest = java.security.MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString()
        assert digest == sum : "${file}: ${digest} != ${sum}"
    }
}
println "reproducible: ${lines.join(' | ')}"
return true
