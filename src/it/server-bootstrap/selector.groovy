// Runs only when the plugin module's pre-integration-test phase started test hosts for the ITs.
def hosts = System.getenv('XAMAL_IT_HOSTS')
if (!hosts) {
    println 'server-bootstrap IT skipped: no test hosts (XAMAL_IT_HOSTS is not set)'
}
return hosts as boolean
