// grpc-js logs keepalive renegotiation with the Java test server ("excess pings") as errors; real failures
// still surface as rejected calls, so its console logging is turned off in tests.
process.env.GRPC_VERBOSITY ??= 'NONE';
