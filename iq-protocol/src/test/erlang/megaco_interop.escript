#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% Cross-checks our H.248 text codec against Erlang/OTP megaco (Debian erlang-megaco).
%% Usage: escript megaco_interop.escript MANIFEST
%% Each MANIFEST line is one job; one result line per job is printed to stdout as "<N> <result>":
%%   decode F            -> "ok" when both megaco_pretty_text_encoder and megaco_compact_text_encoder
%%                          decode file F, else "error <reason>"
%%   same F1 F2          -> "same" when Erlang decodes F1 and F2 to equal message records, else "differ ..."
%%   reencode F P C      -> decodes F and writes Erlang's pretty encoding to P and compact encoding to C; "ok"
%% Used by ErlangMegacoInteropTest: one erl process per test class.

main([Manifest]) ->
    {ok, Bin} = file:read_file(Manifest),
    Lines = [L || L <- string:split(binary_to_list(Bin), "\n", all), L =/= ""],
    run(Lines, 1),
    halt(0);
main(_) ->
    io:format(standard_error, "usage: megaco_interop.escript MANIFEST~n", []),
    halt(2).

run([], _) -> ok;
run([Line | Rest], N) ->
    Result = try job(string:split(Line, " ", all))
             catch C:R -> io_lib:format("error crash ~p:~0p", [C, R])
             end,
    io:format("~w ~s~n", [N, oneline(Result)]),
    run(Rest, N + 1).

job(["decode", F]) ->
    case {decode(megaco_pretty_text_encoder, F), decode(megaco_compact_text_encoder, F)} of
        {{ok, _}, {ok, _}} -> "ok";
        {{error, R}, _} -> io_lib:format("error pretty ~0p", [R]);
        {_, {error, R}} -> io_lib:format("error compact ~0p", [R])
    end;
job(["same", F1, F2]) ->
    case {decode(megaco_pretty_text_encoder, F1), decode(megaco_pretty_text_encoder, F2)} of
        {{ok, M}, {ok, M}} -> "same";
        {{ok, M1}, {ok, M2}} -> io_lib:format("differ ~0p <> ~0p", [M1, M2]);
        {{error, R}, _} -> io_lib:format("error first ~0p", [R]);
        {_, {error, R}} -> io_lib:format("error second ~0p", [R])
    end;
job(["reencode", F, P, C]) ->
    case decode(megaco_pretty_text_encoder, F) of
        {ok, M} ->
            {ok, PB} = megaco_pretty_text_encoder:encode_message([], M),
            {ok, CB} = megaco_compact_text_encoder:encode_message([], M),
            ok = file:write_file(P, PB),
            ok = file:write_file(C, CB),
            "ok";
        {error, R} -> io_lib:format("error ~0p", [R])
    end;
job(Other) ->
    io_lib:format("error bad job ~0p", [Other]).

decode(Mod, F) ->
    {ok, Bin} = file:read_file(F),
    case Mod:decode_message([], Bin) of
        {ok, M} -> {ok, M};
        {error, R} -> {error, short(R)}
    end.

%% Keep error reasons readable: drop the token list the parser appends.
short(R) when is_list(R) ->
    [X || X <- R, not is_tuple(X) orelse not lists:member(element(1, X), [token, chars])];
short(R) -> R.

oneline(S) ->
    Flat = lists:flatten(S),
    Clean = [case Ch of $\n -> $\s; $\r -> $\s; _ -> Ch end || Ch <- Flat],
    lists:sublist(Clean, 4000).
