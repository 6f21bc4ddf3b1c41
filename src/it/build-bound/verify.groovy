def log = new File(basedir, 'build.log').text
assert !log.contains('running the package phase first') : 'package was inserted although verify was asked for'
def builds = log.count('Building release bound-bound-1')
assert builds == 1 : "the release was built ${builds} times"
assert log.contains('Release bound-bound-1.tar.gz was already built in this run')
assert log.count('maven-jar-plugin:3.4.2:jar (default-jar) @ build-bound ---') == 1
assert new File(basedir, 'target/xamal/bound-bound-1.tar.gz').isFile()
assert !new File(basedir, 'target/xamal/layers/bound-bound-1-runtime.tar.gz').exists() : 'runtime: system has no runtime layer'
return true
