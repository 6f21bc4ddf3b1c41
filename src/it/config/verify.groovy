def log = new File(basedir, 'build.log').text
// YAML: the aliased hosts, defaults filled in, secret names only.
assert log.contains('[INFO] # config/xamal.yml (app id shop)')
assert log.contains('[INFO] service: shop')
assert log.contains('- deploy@app2.example.com:2222')
assert log.contains('cmd: run com.example.Worker')
assert log.contains('app_port: 4000')
assert log.contains('deploy_timeout: 60')
assert log.contains('server_id: xamal-shop')
assert log.contains('- DATABASE_PASSWORD')
// JSON
assert log.contains('"service" : "shop"')
assert log.contains('"retain_releases" : 5')
