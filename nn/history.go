package nn

// History records the epoch logs of Fit, as Keras' History callback does:
// History["loss"][i] is the training loss of the i-th epoch run.
type History struct {
	Epoch   []int
	History map[string][]float64
}

func (h *History) add(epoch int, logs Logs) {
	if h.History == nil {
		h.History = map[string][]float64{}
	}
	h.Epoch = append(h.Epoch, epoch)
	for k, v := range logs {
		h.History[k] = append(h.History[k], v)
	}
}

// Last returns the last recorded value of key, and whether there was one.
func (h *History) Last(key string) (float64, bool) {
	vs := h.History[key]
	if len(vs) == 0 {
		return 0, false
	}
	return vs[len(vs)-1], true
}
