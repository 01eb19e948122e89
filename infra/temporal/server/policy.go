package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"go.temporal.io/server/common/authorization"
)

// Who may do what, by the common name of the client certificate (the cluster's own CA issued it; the
// frontend refuses a connection without one). ADR 0020:
//   - the server itself (its internode certificate, also used by the set-up steps): administrator;
//   - our services: write in the complaints namespace (start, poll, complete tasks, schedules), nothing
//     cluster-wide; and only the complaints API and the joint-protocol service may send an Update, since
//     only they sign commands (ADR 0012, ADR 0019);
//   - operations staff and the Web UI: read-only, everywhere;
//   - any other name: nothing.
type policy struct {
	namespace  string
	admins     map[string]bool
	writers    map[string]bool
	readers    map[string]bool
	commanders map[string]bool
	fallback   authorization.Authorizer
}

var _ authorization.Authorizer = (*policy)(nil)
var _ authorization.ClaimMapper = (*policy)(nil)

func policyFromEnvironment() (*policy, error) {
	p := &policy{
		namespace:  setting("TEMPORAL_NAMESPACE", "default"),
		admins:     names(setting("TEMPORAL_ADMIN_IDENTITIES", "temporal")),
		writers:    names(setting("TEMPORAL_WRITER_IDENTITIES", "complaints-api,worker,correspondence,joint-protocol")),
		readers:    names(setting("TEMPORAL_READER_IDENTITIES", "operations,temporal-ui")),
		commanders: names(setting("TEMPORAL_COMMANDER_IDENTITIES", "complaints-api,joint-protocol")),
		fallback:   authorization.NewDefaultAuthorizer(),
	}
	for commander := range p.commanders {
		if !p.writers[commander] {
			return nil, fmt.Errorf("the commander %q is not one of the writers", commander)
		}
	}
	return p, nil
}

func (p *policy) GetClaims(info *authorization.AuthInfo) (*authorization.Claims, error) {
	if info == nil || info.TLSSubject == nil {
		return nil, nil
	}
	subject := info.TLSSubject.CommonName
	claims := &authorization.Claims{Subject: subject, Namespaces: map[string]authorization.Role{}}
	switch {
	case p.admins[subject]:
		claims.System = authorization.RoleAdmin
	case p.writers[subject]:
		claims.Namespaces[p.namespace] = authorization.RoleWriter
	case p.readers[subject]:
		claims.System = authorization.RoleReader
	}
	return claims, nil
}

// Only the TLS subject counts: a bearer token in the metadata gives nothing.
func (p *policy) AuthInfoRequired() bool { return true }

func (p *policy) Authorize(ctx context.Context, claims *authorization.Claims, target *authorization.CallTarget) (authorization.Result, error) {
	if claims != nil && isUpdate(target.APIName) && claims.System != authorization.RoleAdmin && !p.commanders[claims.Subject] {
		return authorization.Result{Decision: authorization.DecisionDeny, Reason: "only the services that sign commands send them"}, nil
	}
	return p.fallback.Authorize(ctx, claims, target)
}

func isUpdate(api string) bool {
	return strings.HasSuffix(api, "/UpdateWorkflowExecution") || strings.HasSuffix(api, "/ExecuteMultiOperation")
}

func setting(name, fallback string) string {
	if value := strings.TrimSpace(os.Getenv(name)); value != "" {
		return value
	}
	return fallback
}

func names(list string) map[string]bool {
	set := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		if name = strings.TrimSpace(name); name != "" {
			set[name] = true
		}
	}
	return set
}
