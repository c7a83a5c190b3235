import VoxModel

/// `report.json`: everything in the Markdown report, for machines. `schema_version` changes
/// only when a field changes meaning or disappears; new fields may appear at any time.
public enum ReportJSON {
    public static let schemaVersion = 1

    public static func encode(_ result: RunResult) -> String {
        document(result).pretty()
    }

    /// `encode` in pieces of about `limit` bytes, for a file written as it is rendered: a run's
    /// conversations alone can make report.json larger than the memory the run may use.
    public static func write(_ result: RunResult, flushingAt limit: Int = 1 << 20, into flush: (String) -> Void) {
        document(result).pretty(flushingAt: limit, into: flush)
    }

    static func document(_ result: RunResult) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("schema_version", .int(schemaVersion)),
            ("vox_version", .string(VoxVersion.current)),
            ("pipeline", .object([("name", .string(result.pipeline)), ("file", .string(result.pipelineFile))])),
            ("as_of", .string(result.asOf)),
        ]
        if let info = result.runInfo {
            members.append(("run", .object([
                ("started_at", .string(info.startedAt)),
                ("duration_seconds", .double(info.durationSeconds)),
                ("host", .string(info.host)),
            ])))
        }
        members += [
            ("redacted", .bool(result.redacted)),
            ("summary", .string(ReportText.join(SummaryWriter(result: result).sentences(), " ").plainText)),
            ("totals", .object([
                ("read", .int(result.totalRead)),
                ("accepted", .int(result.totalAccepted)),
                ("rejected", .int(result.totalRejected)),
                ("duplicates", .int(result.totalDuplicates)),
            ])),
            ("sources", .array(result.sources.map(source))),
            ("metrics", metrics(result.metrics)),
            ("previous", result.previous.map { previous in
                .object([("as_of", .string(previous.asOf)), ("totals", TrendFile.figures(previous.totals))])
            } ?? .null),
            ("changes", result.changes.map(DiffReport.json) ?? .null),
            ("history", .array(result.history.map { snapshot in
                .object([
                    ("as_of", .string(snapshot.asOf)),
                    ("totals", TrendFile.figures(snapshot.totals)),
                    ("cluster_shares", .sortedObject(snapshot.clusters.mapValues { .double($0.share) })),
                ])
            })),
            ("clusters", .array(result.clusters.enumerated().map { rank, item in cluster(item, rank: rank + 1, change: result.changes?.cluster(item.id)) })),
            ("unclustered", .int(result.unclustered)),
            ("cluster_lineage", .array(result.lineage.map { event in
                .object([
                    ("kind", .string(event.kind.rawValue)), ("id", .string(event.id)), ("label", .string(event.label)),
                    ("previous", .array(event.previous.map { .string($0) })),
                ])
            })),
            ("segments", .array(result.segments.map { segment in
                .object([
                    ("segment", .string(segment.segment)),
                    ("value", .string(segment.value)),
                    ("metrics", metrics(segment.metrics)),
                ])
            })),
            ("conversations", conversations(result.conversations)),
            ("agents", .array(result.agents.map(agent))),
            ("service", service(result.service)),
            ("data_quality", dataQuality(result)),
            ("charts", .array(ReportSections(result: result).charts().map { chart in
                .object([("file", .string(chart.fileName)), ("title", .string(chart.title)), ("description", .string(chart.description))])
            })),
        ]
        return JSONValue.object(members)
    }

    static func source(_ stats: SourceStats) -> JSONValue {
        .object([
            ("name", .string(stats.name)),
            ("format", .string(stats.format)),
            ("files", .array(stats.files.map { .string($0) })),
            ("read", .int(stats.read)),
            ("accepted", .int(stats.accepted)),
            ("rejected", .int(stats.rejected)),
            ("duplicates", .int(stats.duplicates)),
            ("invalid_text", .int(stats.invalidText)),
            ("reject_reasons", .sortedObject(stats.rejectReasons.mapValues { .int($0) })),
        ])
    }

    public static func metrics(_ metrics: RunMetrics) -> JSONValue {
        .object([
            ("volume", .int(metrics.volume)),
            ("customer_messages", .int(metrics.customerMessages)),
            ("agent_messages", .int(metrics.agentMessages)),
            ("sentiment", .object([
                ("positive", .int(metrics.positive)),
                ("neutral", .int(metrics.neutral)),
                ("negative", .int(metrics.negative)),
            ])),
            ("negative_share", .number(metrics.negativeShare.map { TrendFile.round($0, TrendFile.Precision.share) })),
            ("mean_compound", .number(metrics.meanCompound)),
            ("csat", .number(metrics.csat)),
            ("csat_responses", .int(metrics.csatResponses)),
            ("nps", .number(metrics.nps)),
            ("nps_responses", .int(metrics.npsResponses)),
            ("mean_empathy", .number(metrics.meanEmpathy)),
            ("recovery_rate", .number(metrics.recoveryRate)),
        ])
    }

    static func dataQuality(_ result: RunResult) -> JSONValue {
        var reasons: [String: Int] = [:]
        for source in result.sources {
            for (reason, count) in source.rejectReasons { reasons[reason, default: 0] += count }
        }
        return .object([
            ("rejected", .int(result.totalRejected)),
            ("rejects_by_reason", .sortedObject(reasons.mapValues { .int($0) })),
            ("duplicates", .int(result.totalDuplicates)),
            ("invalid_text", .int(result.sources.reduce(0) { $0 + $1.invalidText })),
        ])
    }

    static func cluster(_ cluster: PainPointCluster, rank: Int, change: ClusterChange?) -> JSONValue {
        .object([
            ("rank", .int(rank)),
            ("id", .string(cluster.id)),
            ("label", .string(cluster.label)),
            ("origin", .string(cluster.origin.rawValue)),
            ("phrases", .array(cluster.phrases.map { .string($0) })),
            ("size", .int(cluster.size)),
            ("share", .double(cluster.share)),
            ("mean_sentiment", .double(cluster.meanSentiment)),
            ("severity", .double(cluster.severity)),
            ("segments", .array(cluster.segments.map { breakdown in
                .object([
                    ("name", .string(breakdown.name)),
                    ("counts", .array(breakdown.counts.map { .object([("value", .string($0.value)), ("count", .int($0.count))]) })),
                ])
            })),
            ("quotes", .array(cluster.quotes.map { quote in
                .object([
                    ("record_id", .string(quote.recordID)),
                    ("source", .string(quote.source)),
                    ("text", .string(quote.text)),
                    ("compound", .double(quote.compound)),
                ])
            })),
            ("change", change.map { change in
                .object([("status", .string(change.status.rawValue)), ("share", DiffReport.share(change.share))])
            } ?? .null),
        ])
    }

    static func conversations(_ conversations: ConversationSummaries) -> JSONValue {
        var outcomes: [String: JSONValue] = [:]
        for outcome in ConversationOutcome.allCases {
            outcomes[outcome.rawValue] = .int(conversations.count(of: outcome))
        }
        return .object([
            ("count", .int(conversations.count)),
            ("outcomes", .sortedObject(outcomes)),
            ("items", .generated(count: conversations.count) {
                AnyIterator(conversations.lazy.map { conversation in
                    { out, indent, level in write(conversation, to: &out, indent: indent, level: level) }
                }.makeIterator())
            }),
        ])
    }

    /// One conversation in report.json's `conversations.items`, written without making a
    /// `JSONValue` of it (a run lists every conversation; a test holds this to the same members
    /// as a `JSONValue`).
    static func write(_ conversation: ConversationSummary, to out: inout [UInt8], indent: Int?, level: Int) {
        var object = JSONValue.ObjectWriter(indent: indent, level: level, to: &out)
        object.member("id", .string(conversation.id), to: &out)
        object.member("source", .string(conversation.source), to: &out)
        object.member("messages", .int(conversation.messages), to: &out)
        object.member("start_compound", .number(conversation.startCompound), to: &out)
        object.member("end_compound", .number(conversation.endCompound), to: &out)
        object.member("change", .number(conversation.change.map { ($0 * 10_000).rounded() / 10_000 }), to: &out)
        object.member("outcome", .string(conversation.outcome.rawValue), to: &out)
        object.member("mean_empathy", .number(conversation.meanEmpathy), to: &out)
        object.member("first_reply_seconds", .number(conversation.firstReplySeconds), to: &out)
        object.member("resolution_seconds", .number(conversation.resolutionSeconds), to: &out)
        object.member("agents", .array(conversation.agents.map { .string($0) }), to: &out)
        object.end(to: &out)
    }

    static func agent(_ agent: AgentSummary) -> JSONValue {
        .object([
            ("agent", .string(agent.agent)),
            ("messages", .int(agent.messages)),
            ("mean_empathy", .double(agent.meanEmpathy)),
            ("acknowledgment_rate", .number(agent.acknowledgmentRate)),
            ("anti_patterns", .sortedObject(agent.antiPatterns.mapValues { .int($0) })),
            ("conversations", .int(agent.conversations)),
            ("recovery_rate", .number(agent.recoveryRate)),
            ("personalization_rate", .number(agent.personalizationRate)),
            ("canned_phrases", .array(agent.cannedPhrases.map { phrase in
                .object([("phrase", .string(phrase.phrase)), ("replies", .int(phrase.replies)), ("share", .double(phrase.share))])
            })),
        ])
    }

    /// Agent figures per segment, coaching examples and exemplary replies, empathy vs recovery.
    static func service(_ service: ServiceRecovery) -> JSONValue {
        .object([
            ("segments", .array(service.segments.map { row in
                .object([
                    ("segment", .string(row.segment)),
                    ("value", .string(row.value)),
                    ("messages", .int(row.figures.messages)),
                    ("mean_empathy", .double(row.figures.meanEmpathy)),
                    ("acknowledgment_rate", .number(row.figures.acknowledgmentRate)),
                    ("personalization_rate", .number(row.figures.personalizationRate)),
                    ("anti_patterns", .sortedObject(row.figures.antiPatterns.mapValues { .int($0) })),
                    ("conversations", .int(row.figures.conversations)),
                    ("recovery_rate", .number(row.figures.recoveryRate)),
                ])
            })),
            ("coaching_examples", .array(service.coachingExamples.map(example))),
            ("exemplary_replies", .array(service.exemplaryReplies.map(example))),
            ("empathy_vs_recovery", service.empathyVersusRecovery.map { split in
                .object([
                    ("threshold", .double(split.threshold)),
                    ("high", .object([("conversations", .int(split.highConversations)), ("recovered", .int(split.highRecovered)), ("recovery_rate", .number(split.highRate.map { ($0 * 10_000).rounded() / 10_000 }))])),
                    ("low", .object([("conversations", .int(split.lowConversations)), ("recovered", .int(split.lowRecovered)), ("recovery_rate", .number(split.lowRate.map { ($0 * 10_000).rounded() / 10_000 }))])),
                ])
            } ?? .null),
        ])
    }

    static func example(_ example: ReplyExample) -> JSONValue {
        .object([
            ("source", .string(example.source)),
            ("conversation", .string(example.conversation)),
            ("record_id", .string(example.recordID)),
            ("agent", .string(example.agent)),
            ("empathy", .double(example.empathy)),
            ("categories", .array(example.categories.map { .string($0.rawValue) })),
            ("anti_patterns", .array(example.antiPatterns.map { .string($0.rawValue) })),
            ("reply", .string(example.reply)),
            ("customer_message", .string(example.customerMessage)),
            ("customer_compound", .double(example.customerCompound)),
        ])
    }
}
