#!/bin/sh
# pgo.sh: writes cmd/symdiff/default.pgo, the CPU profile that go build
# uses to optimise the symdiff command (profile-guided optimisation: the
# hot calls inlined, the hot interface calls devirtualised). The profile is
# of the library's own benchmarks of what the command spends its time on:
# simplifying issue 13's five workloads, differentiating the anchors'
# workloads, and parsing the 1 MB inputs. A profile older than the code is
# still valid; rewrite it when the hot paths have moved. Run from the
# repository's root:
#
#	sh cmd/symbench/pgo.sh
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test ./simplify -run '^$' -bench 'Issue13' -benchtime 3s -cpuprofile "$tmp/simplify.prof" -o "$tmp/simplify.test" > /dev/null
go test ./symbolic -run '^$' -bench 'Workload' -benchtime 1s -cpuprofile "$tmp/symbolic.prof" -o "$tmp/symbolic.test" > /dev/null
go test ./parser -run '^$' -bench 'Parse1MB|ParseNested|ParseLongSum' -benchtime 1s -cpuprofile "$tmp/parser.prof" -o "$tmp/parser.test" > /dev/null
go tool pprof -proto "$tmp/simplify.prof" "$tmp/symbolic.prof" "$tmp/parser.prof" > cmd/symdiff/default.pgo
