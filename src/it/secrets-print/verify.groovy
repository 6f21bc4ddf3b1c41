def log = new File(basedir, 'build.log').text
['mk-common-7f3a1e', 'mk-quoted-91b2c4', 'mk-command-5c4d8e'].each { marker ->
    assert !log.contains(marker) : "a secret value was printed: ${marker}"
}
// config ran and masked the value pasted into env.clear
assert log.contains('service: secrets-it')
assert log.contains('PASTED_BY_MISTAKE: ') && log.contains('[REDACTED]')
assert log.readLines().any { it.contains('PASTED_BY_MISTAKE') && it.contains('[REDACTED]') }
// secrets-print lists every key, values hidden
assert log.contains('[INFO] COMMON_SECRET=[REDACTED]')
assert log.contains('[INFO] DB_PASSWORD=[REDACTED]')
assert log.contains('[INFO] VAULT_TOKEN=[REDACTED]')
assert log.readLines().any { it == '[INFO] EMPTY_ONE=' }
assert log.contains('Secrets from .xamal/secrets-common, .xamal/secrets:')
