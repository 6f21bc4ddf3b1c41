use HostKit.DSL
