import Mustache

// The page values give their fields to the templates by name. Without this swift-mustache finds
// a field by reflecting the value (Mirror) at every `{{name}}`, on every level of the context
// stack it climbs: the largest cost of rendering a thousand channel pages.
//
// A field that is nil answers nil, as reflection does, so a template looks it up further out.

extension Stat: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "value": value
        case "delta": delta as Any?
        case "deltaClass": deltaClass
        case "deltaTitle": deltaTitle
        default: nil
        }
    }
}

extension ChartBlock: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "svg": svg
        case "table": table
        case "csvHref": csvHref as Any?
        default: nil
        }
    }
}

extension Link: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "text": text
        default: nil
        }
    }
}

extension RankRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rank": rank
        case "change": change
        case "changeClass": changeClass
        case "name": self.name
        case "href": href as Any?
        case "sub": sub as Any?
        case "values": values
        default: nil
        }
    }
}

extension RankTable: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "caption": caption
        case "nameHeading": nameHeading
        case "columns": columns
        case "rows": rows
        case "body": bodyHTML()
        case "showChange": showChange
        case "changeTitle": changeTitle
        case "more": more as Any?
        case "rankOrdered": rankOrdered
        default: nil
        }
    }
}
