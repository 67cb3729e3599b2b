package audit

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// The SARIF log has what SARIF 2.1.0 requires and GitHub code scanning
// reads: the version, a driver naming every rule a result uses (ids
// unique, ruleIndex pointing at it, a description and help each), and
// results with a level, a message and a location with a line. (The
// output was also checked once against the OASIS schema, which cannot be
// vendored here: see docs/audit.md.)
func TestSARIFShape(t *testing.T) {
	src := "FROM python\nENV API_TOKEN=x\nMAINTAINER me\nCMD python app.py\n"
	p := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	df, err := Parse(p, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(t.Context(), []byte(src), df, OpenContext(filepath.Dir(p), p), nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := rep.SARIF("v1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID                   string `json:"id"`
						ShortDescription     struct{ Text string }
						Help                 struct{ Text string }
						DefaultConfiguration struct{ Level string }
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, EndLine int }
					}
				}
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "dockslim" {
		t.Fatalf("header: %s", data)
	}
	run := log.Runs[0]
	seen := map[string]bool{}
	for _, r := range run.Tool.Driver.Rules {
		if seen[r.ID] || r.ShortDescription.Text == "" || r.Help.Text == "" || !validLevel(r.DefaultConfiguration.Level) {
			t.Errorf("rule %+v", r)
		}
		seen[r.ID] = true
	}
	if len(run.Results) != len(rep.Findings) || len(run.Results) < 4 {
		t.Fatalf("%d results for %d findings", len(run.Results), len(rep.Findings))
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s points at rule %d", res.RuleID, res.RuleIndex)
		}
		if !validLevel(res.Level) || res.Message.Text == "" || len(res.Locations) != 1 {
			t.Errorf("result %+v", res)
			continue
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI == "" || loc.Region.StartLine < 1 || loc.Region.EndLine < loc.Region.StartLine {
			t.Errorf("location %+v", loc)
		}
	}
}

func validLevel(l string) bool { return l == "error" || l == "warning" || l == "note" }
