package audit

import (
	"encoding/json"
	"path/filepath"
	"strings"
)

// SARIF 2.1.0, the subset GitHub code scanning reads (docs/audit.md): one
// run whose driver lists the rules that fired, a result per finding with
// its level and lines.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifText       `json:"help"`
	HelpURI              string          `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
	Properties           sarifProperties `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifProperties struct {
	Tags     []string `json:"tags,omitempty"`
	Category string   `json:"category,omitempty"`
}

type sarifResult struct {
	RuleID     string          `json:"ruleId"`
	RuleIndex  int             `json:"ruleIndex"`
	Level      string          `json:"level"`
	Message    sarifText       `json:"message"`
	Locations  []sarifLocation `json:"locations"`
	Properties sarifProperties `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
	EndLine   int `json:"endLine"`
}

// sarifLevel maps a severity to SARIF's levels.
func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// SARIF renders the report as a SARIF 2.1.0 log; version is dockslim's.
// The Dockerfile is named by its path as given (relative to where audit
// ran, which is the repository root in CI).
func (r *Report) SARIF(version string) ([]byte, error) {
	uri := filepath.ToSlash(filepath.Clean(r.Dockerfile))
	byID := map[string]Rule{}
	for _, rule := range Rules() {
		byID[rule.ID] = rule
	}
	driver := sarifDriver{Name: "dockslim", Version: version, InformationURI: "https://github.com/dockslim/dockslim", Rules: []sarifRule{}}
	index := map[string]int{}
	results := []sarifResult{}
	for _, f := range r.Findings {
		i, ok := index[f.Rule]
		if !ok {
			i = len(driver.Rules)
			index[f.Rule] = i
			driver.Rules = append(driver.Rules, sarifRuleOf(f, byID))
		}
		start, end := f.Line, f.EndLine
		if start < 1 {
			start, end = 1, 1 // about the whole file or its context
		}
		if end < start {
			end = start
		}
		results = append(results, sarifResult{
			RuleID: f.Rule, RuleIndex: i, Level: sarifLevel(f.Severity),
			Message:    sarifText{Text: f.Message + ". Fix: " + f.Fix + "."},
			Locations:  []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}, Region: sarifRegion{StartLine: start, EndLine: end}}}},
			Properties: sarifProperties{Category: f.Category},
		})
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0",
		Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}}}
	return json.MarshalIndent(log, "", "  ")
}

// sarifRuleOf is a fired rule's metadata: dockslim's from its table,
// BuildKit's from the finding.
func sarifRuleOf(f Finding, byID map[string]Rule) sarifRule {
	if rule, ok := byID[f.Rule]; ok {
		return sarifRule{
			ID: rule.ID, Name: strings.ReplaceAll(rule.Category, "-", " "),
			ShortDescription:     sarifText{Text: rule.Title},
			FullDescription:      sarifText{Text: rule.Help},
			Help:                 sarifText{Text: rule.Help, Markdown: "**" + rule.Title + "** (`" + rule.Category + "`): " + rule.Help + " See docs/audit.md."},
			HelpURI:              "https://github.com/dockslim/dockslim/blob/main/docs/audit.md",
			DefaultConfiguration: sarifConfig{Level: sarifLevel(rule.Severity)},
			Properties:           sarifProperties{Tags: []string{"dockerfile", rule.Category}, Category: rule.Category},
		}
	}
	name := strings.TrimPrefix(f.Rule, "buildkit:")
	return sarifRule{
		ID: f.Rule, Name: name,
		ShortDescription:     sarifText{Text: "BuildKit check " + name},
		FullDescription:      sarifText{Text: "BuildKit's " + name + " check, as docker build --check runs it."},
		Help:                 sarifText{Text: f.Fix},
		HelpURI:              strings.TrimPrefix(f.Fix, "see "),
		DefaultConfiguration: sarifConfig{Level: sarifLevel(f.Severity)},
		Properties:           sarifProperties{Tags: []string{"dockerfile", "buildkit"}, Category: f.Category},
	}
}
