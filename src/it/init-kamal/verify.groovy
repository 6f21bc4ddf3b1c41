// mvn xamal:init -Dxamal.kamalConfig=config/deploy.yml converted the Kamal files, said what it left
// out, wrote the other starting files, and the converted staging configuration loads.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'config/xamal.yml').isFile() : 'config/xamal.yml was not written'
assert new File(basedir, 'config/xamal.staging.yml').isFile() : 'config/xamal.staging.yml was not written'
assert log.contains('Converted config/deploy.yml into config/xamal.yml')
assert log.contains('Converted config/deploy.staging.yml into config/xamal.staging.yml')
['image', 'registry', 'builder', 'accessories', 'servers.job.cmd', 'proxy.app_port'].each { key ->
    assert log.contains("not carried over: ${key}: ") : "the report does not name ${key}"
}
assert !log.contains('Created config/xamal.yml') : 'the sample configuration was written over the conversion'
assert new File(basedir, '.xamal/secrets').isFile()
assert new File(basedir, '.xamal/hooks/pre-deploy.sample').isFile()
// xamal:config with the destination: the staging hosts and host, the base's env.
assert log.contains('192.0.2.50') && log.contains('192.0.2.51')
assert log.contains('staging.shop.example.com')
assert log.contains('REGION: eu')
assert log.contains('BUILD SUCCESS')
