package tfjs

import (
	"strings"

	"gonn/nn/ag"
)

// Weight names. A weight is named after its layer: "<layer>/<weight>".
// gonn names recurrent weights as Keras 2 does, with the cell in between
// ("lstm/lstm_cell/kernel", "bidirectional/forward_lstm/lstm_cell/bias");
// TF.js names them without it ("lstm/kernel",
// "bidirectional/forward_lstm/bias"), and its loader falls back to
// dropping the token before the last when a name is not found, so that
// files converted from Keras (with the cell) load too. gonn writes TF.js'
// names and reads both.

// tfjsName is the name TF.js gives the gonn weight named name: the cell
// token ("…_cell") before the last is dropped.
func tfjsName(name string) string {
	tokens := strings.Split(name, "/")
	if n := len(tokens); n >= 3 && strings.HasSuffix(tokens[n-2], "_cell") {
		return strings.Join(append(tokens[:n-2:n-2], tokens[n-1]), "/")
	}
	return name
}

// dropSecondLast is TF.js' fallback: the name without the token before the
// last ("a/b/c" → "a/c"), or "" if the name has fewer than three tokens.
func dropSecondLast(name string) string {
	tokens := strings.Split(name, "/")
	n := len(tokens)
	if n < 3 {
		return ""
	}
	return strings.Join(append(tokens[:n-2:n-2], tokens[n-1]), "/")
}

// weightsByName indexes a model's weights by their TF.js names, in order.
type weightsByName struct {
	names []string // TF.js names, in the model's weight order
	vars  map[string]*ag.Var
}

// indexWeights indexes ws by TF.js name; two weights of one name are
// ErrFormat (two layers of one name, or a wrapper's layers).
func indexWeights(ws []*ag.Var) (*weightsByName, error) {
	idx := &weightsByName{vars: make(map[string]*ag.Var, len(ws))}
	for _, w := range ws {
		name := tfjsName(w.Name)
		if _, dup := idx.vars[name]; dup {
			return nil, failf(ErrFormat, "the model has two weights named %q", name)
		}
		idx.vars[name] = w
		idx.names = append(idx.names, name)
	}
	return idx, nil
}

// find returns the TF.js name of the model weight a manifest name refers
// to, by TF.js' rules (the name itself, then the name without the token
// before the last), ignoring a ":0" suffix; "" if none.
func (idx *weightsByName) find(manifestName string) string {
	name := strings.TrimSuffix(manifestName, ":0")
	if _, ok := idx.vars[name]; ok {
		return name
	}
	if short := dropSecondLast(name); short != "" {
		if _, ok := idx.vars[short]; ok {
			return short
		}
	}
	return ""
}
