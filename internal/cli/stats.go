package cli

import (
	"encoding/json"
	"fmt"
)

// stats collects the --stats fields.
type stats struct {
	ParseNS    int64 `json:"parse_ns"`
	DiffNS     int64 `json:"diff_ns"`
	SimplifyNS int64 `json:"simplify_ns"`
	PrintNS    int64 `json:"print_ns"`
	InputDAG   int   `json:"input_dag"`
	ResultDAG  int   `json:"result_dag"`
	ResultCost int   `json:"result_cost"`
	// What the simplifier did: candidates built against its budget, nodes
	// searched, and the budget that stopped it, if any ("" for none).
	SimplifyCandidates int    `json:"simplify_candidates"`
	SimplifyBudget     int    `json:"simplify_budget"`
	SimplifySearches   int    `json:"simplify_searches"`
	SimplifyStopped    string `json:"simplify_stopped"`
}

// withSimplifier adds what the simplifier did to s and returns s.
func (c *cli) withSimplifier(s *stats) *stats {
	s.SimplifyCandidates = c.simplified.Candidates
	s.SimplifyBudget = c.simplified.Budget
	s.SimplifySearches = c.simplified.Searches
	s.SimplifyStopped = c.simplified.Stopped
	return s
}

// writeStats writes s as one JSON line to standard error.
func (c *cli) writeStats(s *stats) {
	b, _ := json.Marshal(s)
	fmt.Fprintf(c.stderr, "%s\n", b)
}
