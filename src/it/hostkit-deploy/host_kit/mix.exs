defmodule HostKitStandIn.MixProject do end
