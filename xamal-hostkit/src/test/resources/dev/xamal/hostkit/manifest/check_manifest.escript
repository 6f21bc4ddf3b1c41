#!/usr/bin/env escript
%%! -noshell
%% Decodes a release manifest the way HostKit does (binary_to_term with [safe]) in a VM where only
%% the atoms HostKit knows were created, then compares it with an expected term read from a file.
%%
%%   escript check_manifest.escript MANIFEST.etf EXPECTED.term
%%
%% Exit status: 0 equal and byte-identical to Erlang's own encoding; 1 not decodable (bad ETF or
%% an atom HostKit would not know); 2 decoded but different from the expected term; 3 trailing
%% bytes; 4 equal terms, but Erlang encodes the expected term to other bytes.
main([Manifest, ExpectedFile]) ->
    Known = ["Elixir.ReleaseKit.Manifest", "__struct__", "tool", "format", "format_version",
             "app", "release", "version", "mix_env", "tarball", "runtime", "command", "env",
             "clear", "secret", "health_check", "path", "port", "url", "timeout",
             "beam_release_artifact", "nil", "true", "false"],
    _ = [list_to_atom(A) || A <- Known],
    {ok, Bin} = file:read_file(Manifest),
    Decoded = try binary_to_term(Bin, [safe, used])
              catch error:badarg ->
                  io:format(standard_error, "not decodable with [safe]: invalid ETF, or an atom HostKit does not know~n", []),
                  halt(1)
              end,
    check(Decoded, byte_size(Bin), Bin, ExpectedFile).

check({_Term, Used}, Size, _Bin, _ExpectedFile) when Used =/= Size ->
    io:format(standard_error, "trailing bytes: term ends at ~p of ~p~n", [Used, Size]),
    halt(3);
check({Term, _Used}, _Size, Bin, ExpectedFile) ->
    {ok, [Expected]} = file:consult(ExpectedFile),
    io:format("decoded:  ~p~n", [Term]),
    case Term =:= Expected of
        false ->
            io:format("expected: ~p~n", [Expected]),
            halt(2);
        true ->
            Own = term_to_binary(Expected, [{minor_version, 2}, deterministic]),
            case Own =:= Bin of
                true -> halt(0);
                false ->
                    io:format("erlang:   ~p~nours:     ~p~n", [Own, Bin]),
                    halt(4)
            end
    end.
