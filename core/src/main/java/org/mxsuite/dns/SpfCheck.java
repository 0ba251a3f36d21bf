package org.mxsuite.dns;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;
import org.mxsuite.background.BackgroundThreads;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The SPF result (RFC 7208) of a sender for the client that gave us its mail: {@code pass}, {@code fail},
 * {@code softfail}, {@code neutral}, {@code none}, {@code temperror} or {@code permerror}. The evaluation is James's
 * own library (jSPF, which its SPF mailet uses), asking through the suite's DNS client, its time limit and cache.
 */
public final class SpfCheck {
    static final Duration LIMIT = Duration.ofSeconds(30);
    private static final ExecutorService EVALUATIONS = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(100), BackgroundThreads.daemons("mxsuite-spf"));

    private final DnsResolver resolver;

    public SpfCheck(DnsResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * The result for {@code sender} (a full address) sending from {@code client} (an IP address as text);
     * {@code temperror} when the evaluation takes longer than {@link #LIMIT} (ten lookups at the DNS client's time
     * limit fit in it).
     */
    public String result(String client, String sender) {
        // one evaluator per check: DSNs are rare, and jSPF's evaluator keeps state (limits, time-outs) of its own;
        // on threads of its own, so that an evaluation that never ends cannot hold a delivery thread
        try {
            String result = CompletableFuture.supplyAsync(() -> evaluator().checkSPF(client, sender, "unknown").getResult(), EVALUATIONS)
                .get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return result == null ? "temperror" : result.toLowerCase(Locale.ROOT);
        } catch (java.util.concurrent.TimeoutException | ExecutionException | RejectedExecutionException e) {
            return "temperror";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "temperror";
        }
    }

    /**
     * jSPF's evaluator as {@code new SPF(dns)} wires it, but with its synchronous executor: jSPF 1.0.3's asynchronous
     * one (that constructor's) drops every lookup that follows another (the TXT records after the SPF-type query, the
     * addresses of {@code mx} hosts), and answered {@code none} for every record tried.
     */
    private SPF evaluator() {
        OurDns dns = new OurDns();
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, dns);
        MacroExpand macroExpand = new MacroExpand(dns);
        wiring.put(MacroExpandEnabled.class, macroExpand);
        SPF spf = new SPF(dns, new RFC4408SPF1Parser(new DefaultTermsFactory(wiring)), macroExpand, new SynchronousSPFExecutor(dns));
        wiring.put(SPFCheckEnabled.class, spf);
        return spf;
    }

    /** jSPF's questions, answered by the suite's DNS client: null for no record, as jSPF's own client answers. */
    private final class OurDns implements DNSService {
        private int recordLimit = 10;

        @Override
        public List<String> getRecords(DNSRequest request) throws TimeoutException {
            if (request.getRecordType() == DNSRequest.SPF) {
                // the SPF record type is gone (RFC 7208 3.1): "none", and jSPF reads the TXT records
                return null;
            }
            DnsAnswer answer = resolver.lookup(request.getHostname(), type(request)).join();
            if (!answer.isConclusive()) {
                throw new TimeoutException(request.getHostname() + ": " + answer.detail());
            }
            return values(answer);
        }

        @Override
        public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
            // only the asynchronous executor asks this, and our evaluator has the synchronous one
            try {
                return CompletableFuture.completedFuture(getRecords(request));
            } catch (TimeoutException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public List<String> getLocalDomainNames() {
            return List.of("localhost");
        }

        @Override
        public void setTimeOut(int timeOut) {
            // the suite's DNS client has its own time limit (dns.timeout)
        }

        @Override
        public int getRecordLimit() {
            return recordLimit;
        }

        @Override
        public void setRecordLimit(int recordLimit) {
            this.recordLimit = recordLimit;
        }
    }

    private static int type(DNSRequest request) {
        switch (request.getRecordType()) {
            case DNSRequest.A:
                return Type.A;
            case DNSRequest.AAAA:
                return Type.AAAA;
            case DNSRequest.MX:
                return Type.MX;
            case DNSRequest.PTR:
                return Type.PTR;
            default:
                return Type.TXT;
        }
    }

    private static List<String> values(DnsAnswer answer) {
        List<String> values = answer.records().stream()
            .map(SpfCheck::value)
            .filter(value -> value != null)
            .collect(Collectors.toList());
        return values.isEmpty() ? null : values;
    }

    private static String value(Record record) {
        if (record instanceof ARecord) {
            return ((ARecord) record).getAddress().getHostAddress();
        }
        if (record instanceof AAAARecord) {
            return ((AAAARecord) record).getAddress().getHostAddress();
        }
        if (record instanceof MXRecord) {
            return ((MXRecord) record).getTarget().toString();
        }
        if (record instanceof PTRRecord) {
            String name = ((PTRRecord) record).getTarget().toString();
            return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        }
        if (record instanceof TXTRecord) {
            return String.join("", ((TXTRecord) record).getStrings());
        }
        return null;
    }
}
