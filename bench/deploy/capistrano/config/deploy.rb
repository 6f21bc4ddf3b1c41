# What every stage shares: the layout on the hosts, the unit, the health URL and its polling (the
# same 1 s interval as xamal's health_check.interval and the other peers), and SSH as xamal uses
# it (the test hosts' key, strict host key checking against the benchmark's known_hosts file).
set :application, "hello"
set :deploy_to, "/opt/peer/hello"
set :unit, "hello-peer"
set :health_url, "http://localhost:4100/health"
set :health_interval, 1
set :health_timeout, 60
set :log_level, :warn
set :pty, false
set :ssh_options, {
  user: "deploy",
  keys: [ENV.fetch("BENCH_KEY")],
  keys_only: true,
  auth_methods: ["publickey"],
  user_known_hosts_file: ENV.fetch("BENCH_KNOWN_HOSTS"),
  global_known_hosts_file: "/dev/null",
  verify_host_key: :always,
  # net-ssh's own known_hosts lookup: SSHKit's cached one intersects the keys of every name of a
  # host ("[localhost]:2201,[127.0.0.1]:2201") and finds no ed25519 key that way.
  known_hosts: Net::SSH::KnownHosts,
  non_interactive: true,
  config: false
}
