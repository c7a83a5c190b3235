import VoxModel
import VoxScoring

/// Agent replies for the empathy benchmarks, from a fixed seed: each is 2–6 sentences drawn from
/// warm, procedural and dismissive sentence lists, with names, order numbers and amounts filled
/// in, so the matcher sees both matching and non-matching text of realistic length (about 230
/// characters on average); half come with a conversation context (customer name, case details).
public enum ReplyGenerator {
    static let warm = [
        "I'm so sorry your parcel hasn't turned up, {name}.",
        "That sounds really frustrating, especially after waiting all week.",
        "I can imagine how stressful it is to keep checking tracking that doesn't move.",
        "I'll take care of this personally and email you the new tracking link by 10am.",
        "Let me sort that out for you right now.",
        "Thank you for your patience while we looked into {order}.",
        "I completely understand why you're upset, and you're right to be.",
        "Can you tell me a bit more about what happened when you tried to log in?",
        "I've issued a refund of £{amount} to your card; you'll get a confirmation from me by Friday.",
        "You don't have to call again: I've escalated it to our billing team.",
        "I've been there myself, and it's not your fault at all.",
        "How are you feeling about it now?",
    ]
    static let procedural = [
        "Thanks for reaching out.",
        "Refunds are issued within 5-10 working days after the return is inspected.",
        "Your order {order} was dispatched on Tuesday and is expected on Thursday.",
        "Please try the following steps: update the app, clear the cache and reinstall.",
        "Our technical team is aware of an issue affecting version 5.2.0.",
        "The delivery can be changed in the app under My Orders up to 24 hours before dispatch.",
        "An investigation has been opened under reference INV-{number}.",
        "Please allow two more working days before we can open a claim.",
        "The courier attempted delivery at 11:42 and left a card.",
        "Kind regards, the Parcelly support team",
    ]
    static let dismissive = [
        "That's our policy.",
        "As I already said, refunds take up to 14 working days.",
        "There's nothing I can do from here.",
        "You should have checked the cut-off time before ordering.",
        "It's only a small delay.",
        "It's probably your phone; the app works fine for most customers.",
        "Please calm down.",
    ]
    static let names = ["Helen", "Gareth", "Nadia", "Oliver", "Sofia", "Ravi", "Emma", "Liam", "Zoë", "Tomás"]

    /// Fills `{name}`, `{order}`, `{amount}` and `{number}` in a template.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            result += values[String(rest[rest.index(after: open)..<close])] ?? ""
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    public static func replies(count: Int) -> (texts: [String], contexts: [ReplyContext?]) {
        var random = SeededRandom(seed: 5)
        var texts: [String] = [], contexts: [ReplyContext?] = []
        texts.reserveCapacity(count)
        contexts.reserveCapacity(count)
        for index in 0..<count {
            let name = names[Int(random.next() % UInt64(names.count))]
            let order = "PX-\(40000 + random.next() % 9000)"
            let values = ["name": name, "order": order, "amount": "\(10 + random.next() % 90).99", "number": "\(20000 + random.next() % 9000)"]
            var sentences: [String] = []
            let length = 2 + Int(random.next() % 5)
            for _ in 0..<length {
                let pick = random.next() % 10
                let list = pick < 5 ? warm : pick < 8 ? procedural : dismissive
                sentences.append(fill(list[Int(random.next() % UInt64(list.count))], values))
            }
            if random.next() % 2 == 0 { sentences.insert("Hi \(name),", at: 0) }
            texts.append(sentences.joined(separator: " "))
            contexts.append(index % 2 == 0 ? ReplyContext(customerName: name.lowercased(), caseDetails: [order.lowercased()]) : nil)
        }
        return (texts, contexts)
    }
}
