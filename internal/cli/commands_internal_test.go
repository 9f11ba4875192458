package cli

import "testing"

// TestCommandNames checks that commandList names commandAt's commands, in
// its order, and that commandAt has no command past them.
func TestCommandNames(t *testing.T) {
	for i, name := range commandList {
		k := commandAt(i)
		if k == nil || k.name != name {
			t.Fatalf("commandList[%d] = %q, commandAt(%d) = %v", i, name, i, k)
		}
		if findCommand(name) == nil || findCommand(name).name != name {
			t.Errorf("findCommand(%q) = %v", name, findCommand(name))
		}
	}
	if k := commandAt(len(commandList)); k != nil {
		t.Errorf("commandAt(%d) = command %q, not in commandList", len(commandList), k.name)
	}
	if k := findCommand("nosuchcommand"); k != nil {
		t.Errorf("findCommand(nosuchcommand) = %q", k.name)
	}
}
