#!/usr/bin/env bash
# Stryker.NET over the domain library, on a copy of HEAD (git worktree), outside the README's test command.
# Usage: [STRYKER_CONFIG=file] .ci/mutation/stryker.sh [glob ...]   e.g. .ci/mutation/stryker.sh '**/Payments/**/*.cs' '**/Common/Money.cs'
# STRYKER_CONFIG names another config under .ci/mutation/ (e.g. one that runs only the payment tests).
# With no glob, every file of Domain/ is mutated (hours on two cores). Reports land in docs/mutation/stryker/ of this tree.
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d /tmp/stryker-XXXXXX)
git -C "$repo" worktree add --detach "$work" HEAD >/dev/null
trap 'git -C "$repo" worktree remove --force "$work"' EXIT
cd "$work"
dotnet tool restore >/dev/null
# Stryker 5.1 does not see a TargetFramework inherited from Directory.Build.props (stryker-net#3758): the copy states it
# in each project file.
for project in */*.csproj; do
  grep -q "<TargetFramework>" "$project" || sed -i '0,/<PropertyGroup>/s//<PropertyGroup>\n    <TargetFramework>net10.0<\/TargetFramework>/' "$project"
done
# Stryker analyses built projects: build once, as the tests do.
dotnet build CivilAffairs.Dashboard.sln -v q -clp:ErrorsOnly
mutate=()
for glob in "$@"; do mutate+=(--mutate "$glob"); done
cd Tests
dotnet stryker --config-file "../.ci/mutation/${STRYKER_CONFIG:-stryker-config.json}" "${mutate[@]}" --output "$work/stryker-output"
mkdir -p "$repo/docs/mutation/stryker"
cp -r "$work"/stryker-output/reports/* "$repo/docs/mutation/stryker/"
