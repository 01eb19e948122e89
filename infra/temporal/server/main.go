// The Temporal server of the cluster topology (`npm start -- --cluster`, docker-compose.yml): the stock
// server, v1.29.1 from the Go module proxy, run as a library so that it can be given an authoriser that
// knows our services by their client certificates (ADR 0020). All four services (frontend, history,
// matching, worker) run in this one process unless -service names some of them.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"strings"

	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/log"
	_ "go.temporal.io/server/common/persistence/sql/sqlplugin/postgresql"
	"go.temporal.io/server/temporal"
)

func main() {
	configDir := flag.String("config", "config", "directory of the server's configuration (base.yaml, <env>.yaml)")
	env := flag.String("env", "cluster", "which <env>.yaml of the configuration directory to load")
	services := flag.String("service", strings.Join(temporal.DefaultServices, ","), "comma-separated services to run")
	flag.Parse()
	if err := defaultBroadcastAddress(); err != nil {
		fail("finding this host's address", err)
	}

	cfg, err := config.LoadConfig(*env, *configDir, "")
	if err != nil {
		fail("loading the configuration", err)
	}
	logger := log.NewZapLogger(log.BuildZapLogger(cfg.Log))
	dynamicConfig := dynamicconfig.Client(dynamicconfig.NewNoopClient())
	if cfg.DynamicConfigClient != nil {
		dynamicConfig, err = dynamicconfig.NewFileBasedClient(cfg.DynamicConfigClient, logger, temporal.InterruptCh())
		if err != nil {
			fail("loading the dynamic configuration", err)
		}
	}
	policy, err := policyFromEnvironment()
	if err != nil {
		fail("reading the access policy", err)
	}

	server, err := temporal.NewServer(
		temporal.ForServices(strings.Split(*services, ",")),
		temporal.WithConfig(cfg),
		temporal.WithDynamicConfigClient(dynamicConfig),
		temporal.WithLogger(logger),
		temporal.InterruptOn(temporal.InterruptCh()),
		temporal.WithAuthorizer(policy),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return policy }),
	)
	if err != nil {
		fail("creating the server", err)
	}
	if err := server.Start(); err != nil {
		fail("starting the server", err)
	}
}

// In a container the address the other services reach this one on is the host name's; compose cannot
// write it into the environment, so it is looked up here when not given.
func defaultBroadcastAddress() error {
	if os.Getenv("TEMPORAL_BROADCAST_ADDRESS") != "" {
		return nil
	}
	host, err := os.Hostname()
	if err != nil {
		return err
	}
	addresses, err := net.LookupHost(host)
	if err != nil || len(addresses) == 0 {
		return fmt.Errorf("no address for %s: %v", host, err)
	}
	return os.Setenv("TEMPORAL_BROADCAST_ADDRESS", addresses[0])
}

func fail(doing string, err error) {
	fmt.Fprintf(os.Stderr, "temporal server: %s: %v\n", doing, err)
	os.Exit(1)
}
