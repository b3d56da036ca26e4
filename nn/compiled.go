package nn

import (
	"slices"

	"gonn/nn/losses"
)

// Loss is the loss the model was compiled with, nil before Compile. Hosts
// that run their own loops on a compiled model (train_on_batch's metrics,
// gradient statistics) read it here.
func (m *Sequential) Loss() losses.Loss { return m.loss }

// MetricNames are the metric names the model was compiled with, as given
// to Compile ("accuracy", "mae", …).
func (m *Sequential) MetricNames() []string { return slices.Clone(m.metricNames) }
