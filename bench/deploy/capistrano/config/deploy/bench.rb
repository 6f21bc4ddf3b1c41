# The benchmark's hosts: BENCH_HOSTS="localhost:2201,localhost:2202,..."
ENV.fetch("BENCH_HOSTS").split(",").each do |address|
  server address, roles: %w[app]
end
