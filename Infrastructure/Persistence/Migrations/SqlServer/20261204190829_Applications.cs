using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Applications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Postings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    CommunityId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Days = table.Column<int>(type: "int", nullable: false),
                    Telephone = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    PublishedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CorrectsId = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Postings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Postings_Areas_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Postings_Postings_CorrectsId",
                        column: x => x.CorrectsId,
                        principalTable: "Postings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Applications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    CommunityId = table.Column<int>(type: "int", nullable: false),
                    TownshipId = table.Column<int>(type: "int", nullable: false),
                    Address = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Residence = table.Column<int>(type: "int", nullable: false),
                    VariantCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    BeneficiaryIdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    ExistingHouseholdId = table.Column<int>(type: "int", nullable: true),
                    Documents = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReceivedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Stage = table.Column<int>(type: "int", nullable: false),
                    StageSince = table.Column<DateOnly>(type: "date", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Visitors = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Findings = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DeclaredMonthlyIncome = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    DeclaredProperty = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Verification = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    InvestigatedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ProposedVariantCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    ReviewedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PostingId = table.Column<int>(type: "int", nullable: true),
                    PostingStartsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PostingDays = table.Column<int>(type: "int", nullable: true),
                    DecidedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ApprovedVariantCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    FromMonth = table.Column<int>(type: "int", nullable: true),
                    SpotCheck = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    RejectionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    HouseholdId = table.Column<int>(type: "int", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Applications_Areas_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Applications_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Applications_Postings_PostingId",
                        column: x => x.PostingId,
                        principalTable: "Postings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ApplicationId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    IdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    Relationship = table.Column<int>(type: "int", nullable: false),
                    DisabilityCategory = table.Column<int>(type: "int", nullable: true),
                    DisabilityGrade = table.Column<int>(type: "int", nullable: true),
                    WorkCapacity = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationMembers_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationObjections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ApplicationId = table.Column<int>(type: "int", nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Content = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Resolution = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ResolvedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ResolvedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationObjections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationObjections_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ApplicationId = table.Column<int>(type: "int", nullable: false),
                    Stage = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    By = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationSteps_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PostingEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PostingId = table.Column<int>(type: "int", nullable: false),
                    ApplicationId = table.Column<int>(type: "int", nullable: false),
                    MaskedName = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    MaskedIdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    HouseholdSize = table.Column<int>(type: "int", nullable: false),
                    Programme = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    MonthlyAmount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(520)", maxLength: 520, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostingEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostingEntries_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PostingEntries_Postings_PostingId",
                        column: x => x.PostingId,
                        principalTable: "Postings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMembers_ApplicationId_Relationship",
                table: "ApplicationMembers",
                columns: new[] { "ApplicationId", "Relationship" });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMembers_IdNumber",
                table: "ApplicationMembers",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationObjections_ApplicationId",
                table: "ApplicationObjections",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CommunityId",
                table: "Applications",
                column: "CommunityId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_HouseholdId",
                table: "Applications",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_JurisdictionId_Stage_TownshipId_StageSince",
                table: "Applications",
                columns: new[] { "JurisdictionId", "Stage", "TownshipId", "StageSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_PostingId",
                table: "Applications",
                column: "PostingId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationSteps_ApplicationId",
                table: "ApplicationSteps",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_PostingEntries_ApplicationId",
                table: "PostingEntries",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_PostingEntries_PostingId",
                table: "PostingEntries",
                column: "PostingId");

            migrationBuilder.CreateIndex(
                name: "IX_Postings_CommunityId",
                table: "Postings",
                column: "CommunityId");

            migrationBuilder.CreateIndex(
                name: "IX_Postings_CorrectsId",
                table: "Postings",
                column: "CorrectsId");

            migrationBuilder.CreateIndex(
                name: "IX_Postings_JurisdictionId_CommunityId",
                table: "Postings",
                columns: new[] { "JurisdictionId", "CommunityId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationMembers");

            migrationBuilder.DropTable(
                name: "ApplicationObjections");

            migrationBuilder.DropTable(
                name: "ApplicationSteps");

            migrationBuilder.DropTable(
                name: "PostingEntries");

            migrationBuilder.DropTable(
                name: "Applications");

            migrationBuilder.DropTable(
                name: "Postings");
        }
    }
}
