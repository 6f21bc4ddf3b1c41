def log = new File(basedir, 'build.log').text
assert log.contains('Usage: mvn xamal:docs -Dxamal.topic=<topic>')
['configuration', 'servers', 'ssh', 'caddy', 'env', 'release', 'health_check', 'boot', 'destinations', 'hostkit'].each {
    assert log =~ /(?m)^\[INFO\]\s+${it}\s{2,}\S/ : "topic ${it} not listed"
}
assert log.contains('# servers: hosts and roles')
assert log.contains("A host's identity is its name plus SSH port")
