import Site

/// Renders the stream pages whose inputs changed (`SiteRenderer.renderStreamPages`) once the
/// pages' inputs are loaded, on one thread beside the periods step and then the pages step: a
/// stream page shows no period. What they were rendered from is recorded when the site is
/// published (`PublishStep`).
enum StreamPagesStep {
    static func run(_ c: BuildContext) throws {
        c.pageInputsLoaded.wait()
        c.pageInputsLoaded.signal()  // for any later waiter
        guard let staging = c.staging, let inputs = c.streamPageInputs else { return }
        c.streamPageInputs = nil
        let input = SiteInput(
            history: inputs.history, latest: inputs.latest, gameChannels: [:], reports: [],
            timeZone: c.calendar.timeZone, timeZoneName: c.options.timeZone, baseURL: c.options.baseURL,
            publishedStreamPages: inputs.publishedStreamPages)
        c.renderedStreamPages = try SiteRenderer(templates: inputs.templates).renderStreamPages(input, into: staging)
    }
}
