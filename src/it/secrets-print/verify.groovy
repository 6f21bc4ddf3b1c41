def log = new File(basedir, 'build.log').text
['mk-common-7f3a1e', 'mk-quoted-91b2c4', 'mk-command-5c4d8e'].each { marker ->
    assert !log.contains(marker) : "a secret value was printed: ${marker}"
}
assert log.contains('[INFO] COMMON_SECRET=[REDACTED]')
assert log.contains('[INFO] DB_PASSWORD=[REDACTED]')
assert log.contains('[INFO] VAULT_TOKEN=[REDACTED]')
assert log.contains('[INFO] EMPTY_ONE=\n') || log.contains('[INFO] EMPTY_ONE=\r\n')
assert log.contains('Secrets from .xamal/secrets-common, .xamal/secrets:')
