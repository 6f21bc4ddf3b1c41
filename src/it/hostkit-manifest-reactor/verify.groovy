import java.security.MessageDigest

def log = new File(basedir, 'build.log').text

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }

def check = { String module, String service, String release, String manifestPath, int port, String health,
              int timeout ->
    def dir = new File(basedir, module)
    def tarball = new File(dir, "target/xamal/${service}-hk-1.tar.gz")
    assert tarball.isFile() : "no ${tarball}"
    def etf = new File(dir, manifestPath)
    assert etf.isFile() : "no manifest ${etf}"
    byte[] bytes = etf.bytes
    assert (bytes[0] & 0xff) == 131 : 'not an external term'
    def text = new String(bytes, 'ISO-8859-1')
    assert text.contains('Elixir.ReleaseKit.Manifest')
    assert text.contains('beam_release_artifact')

    def json = new groovy.json.JsonSlurper().parse(new File(etf.parentFile, etf.name.replace('.etf', '.json')))
    assert text.contains(json.tarball) : "the ETF manifest does not name ${json.tarball}"
    assert new File(json.tarball).isAbsolute()
    assert json.__struct__ == 'Elixir.ReleaseKit.Manifest'
    assert json.format == 'beam_release_artifact'
    assert json.format_version == 2
    assert json.app == service
    assert json.release == release
    assert json.version == 'hk-1'
    assert new File(json.tarball).canonicalPath == tarball.canonicalPath
    assert json.runtime.command == ["bin/${release}".toString(), 'start']
    assert json.env.clear.PORT == port.toString()
    assert json.env.secret == []
    assert json.health_check == [path: health, port: port, url: "http://127.0.0.1:${port}${health}".toString(),
                                 timeout: timeout]

    def sidecar = new File(tarball.path + '.sha256')
    assert sidecar.text == "${sha256(tarball)}  ${tarball.name}\n"
    assert log.contains("HostKit manifest ") && log.contains(etf.name) : "no line for ${etf}"
    json
}

def orders = check('orders', 'orders', 'orders', 'target/xamal/orders-hostkit.etf', 8080, '/up', 60)
assert orders.env.clear.GREETING == 'hello from orders'
def billing = check('billing', 'billing', 'billing_app', 'target/hostkit/billing.etf', 9090, '/health', 90)
assert !billing.env.clear.containsKey('GREETING')
return true
